package io.gitlore.contracts.chunk;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.blob.BlobRef;

/**
 * Builds a {@link ChunkRecord} from named components (unset ones stay null, 0 or false), so a producer or a test
 * never lines up the record's 37 positional arguments by hand; {@link #build()} calls the canonical constructor.
 */
public final class ChunkRecordBuilder {

    private String jobId;
    private String repositoryId;
    private String chunkId;
    private String commit;
    private long commitIndex;
    private String path;
    private String language;
    private ChunkKind kind;
    private String unitType;
    private String name;
    private String qualifiedName;
    private int startLine;
    private int endLine;
    private int oldStartLine;
    private int oldEndLine;
    private String oldCode;
    private String newCode;
    private BlobRef oldCodeRef;
    private BlobRef newCodeRef;
    private List<String> hunks;
    private int additions;
    private int deletions;
    private Integer complexityBefore;
    private Integer complexityAfter;
    private ChangeKind changeType;
    private String author;
    private String authorEmail;
    private Instant time;
    private String subject;
    private List<String> otherFiles;
    private int tokens;
    private String contentHash;
    private String duplicateOf;
    private String nearDuplicateOf;
    private int redactions;
    private boolean parseFallback;
    private boolean snapshot;

    ChunkRecordBuilder() {
    }

    ChunkRecordBuilder(ChunkRecord r) {
        jobId = r.jobId();
        repositoryId = r.repositoryId();
        chunkId = r.chunkId();
        commit = r.commit();
        commitIndex = r.commitIndex();
        path = r.path();
        language = r.language();
        kind = r.kind();
        unitType = r.unitType();
        name = r.name();
        qualifiedName = r.qualifiedName();
        startLine = r.startLine();
        endLine = r.endLine();
        oldStartLine = r.oldStartLine();
        oldEndLine = r.oldEndLine();
        oldCode = r.oldCode();
        newCode = r.newCode();
        oldCodeRef = r.oldCodeRef();
        newCodeRef = r.newCodeRef();
        hunks = r.hunks();
        additions = r.additions();
        deletions = r.deletions();
        complexityBefore = r.complexityBefore();
        complexityAfter = r.complexityAfter();
        changeType = r.changeType();
        author = r.author();
        authorEmail = r.authorEmail();
        time = r.time();
        subject = r.subject();
        otherFiles = r.otherFiles();
        tokens = r.tokens();
        contentHash = r.contentHash();
        duplicateOf = r.duplicateOf();
        nearDuplicateOf = r.nearDuplicateOf();
        redactions = r.redactions();
        parseFallback = r.parseFallback();
        snapshot = r.snapshot();
    }

    public ChunkRecordBuilder jobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public ChunkRecordBuilder repositoryId(String repositoryId) {
        this.repositoryId = repositoryId;
        return this;
    }

    public ChunkRecordBuilder chunkId(String chunkId) {
        this.chunkId = chunkId;
        return this;
    }

    public ChunkRecordBuilder commit(String commit) {
        this.commit = commit;
        return this;
    }

    public ChunkRecordBuilder commitIndex(long commitIndex) {
        this.commitIndex = commitIndex;
        return this;
    }

    public ChunkRecordBuilder path(String path) {
        this.path = path;
        return this;
    }

    public ChunkRecordBuilder language(String language) {
        this.language = language;
        return this;
    }

    public ChunkRecordBuilder kind(ChunkKind kind) {
        this.kind = kind;
        return this;
    }

    public ChunkRecordBuilder unitType(String unitType) {
        this.unitType = unitType;
        return this;
    }

    public ChunkRecordBuilder name(String name) {
        this.name = name;
        return this;
    }

    public ChunkRecordBuilder qualifiedName(String qualifiedName) {
        this.qualifiedName = qualifiedName;
        return this;
    }

    public ChunkRecordBuilder startLine(int startLine) {
        this.startLine = startLine;
        return this;
    }

    public ChunkRecordBuilder endLine(int endLine) {
        this.endLine = endLine;
        return this;
    }

    public ChunkRecordBuilder oldStartLine(int oldStartLine) {
        this.oldStartLine = oldStartLine;
        return this;
    }

    public ChunkRecordBuilder oldEndLine(int oldEndLine) {
        this.oldEndLine = oldEndLine;
        return this;
    }

    public ChunkRecordBuilder oldCode(String oldCode) {
        this.oldCode = oldCode;
        return this;
    }

    public ChunkRecordBuilder newCode(String newCode) {
        this.newCode = newCode;
        return this;
    }

    public ChunkRecordBuilder oldCodeRef(BlobRef oldCodeRef) {
        this.oldCodeRef = oldCodeRef;
        return this;
    }

    public ChunkRecordBuilder newCodeRef(BlobRef newCodeRef) {
        this.newCodeRef = newCodeRef;
        return this;
    }

    public ChunkRecordBuilder hunks(List<String> hunks) {
        this.hunks = hunks;
        return this;
    }

    public ChunkRecordBuilder additions(int additions) {
        this.additions = additions;
        return this;
    }

    public ChunkRecordBuilder deletions(int deletions) {
        this.deletions = deletions;
        return this;
    }

    public ChunkRecordBuilder complexityBefore(Integer complexityBefore) {
        this.complexityBefore = complexityBefore;
        return this;
    }

    public ChunkRecordBuilder complexityAfter(Integer complexityAfter) {
        this.complexityAfter = complexityAfter;
        return this;
    }

    public ChunkRecordBuilder changeType(ChangeKind changeType) {
        this.changeType = changeType;
        return this;
    }

    public ChunkRecordBuilder author(String author) {
        this.author = author;
        return this;
    }

    public ChunkRecordBuilder authorEmail(String authorEmail) {
        this.authorEmail = authorEmail;
        return this;
    }

    public ChunkRecordBuilder time(Instant time) {
        this.time = time;
        return this;
    }

    public ChunkRecordBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    public ChunkRecordBuilder otherFiles(List<String> otherFiles) {
        this.otherFiles = otherFiles;
        return this;
    }

    public ChunkRecordBuilder tokens(int tokens) {
        this.tokens = tokens;
        return this;
    }

    public ChunkRecordBuilder contentHash(String contentHash) {
        this.contentHash = contentHash;
        return this;
    }

    public ChunkRecordBuilder duplicateOf(String duplicateOf) {
        this.duplicateOf = duplicateOf;
        return this;
    }

    public ChunkRecordBuilder nearDuplicateOf(String nearDuplicateOf) {
        this.nearDuplicateOf = nearDuplicateOf;
        return this;
    }

    public ChunkRecordBuilder redactions(int redactions) {
        this.redactions = redactions;
        return this;
    }

    public ChunkRecordBuilder parseFallback(boolean parseFallback) {
        this.parseFallback = parseFallback;
        return this;
    }

    public ChunkRecordBuilder snapshot(boolean snapshot) {
        this.snapshot = snapshot;
        return this;
    }

    public ChunkRecord build() {
        return new ChunkRecord(jobId, repositoryId, chunkId, commit, commitIndex, path, language, kind, unitType,
                name, qualifiedName, startLine, endLine, oldStartLine, oldEndLine, oldCode, newCode, oldCodeRef,
                newCodeRef, hunks, additions, deletions, complexityBefore, complexityAfter, changeType, author,
                authorEmail, time, subject, otherFiles, tokens, contentHash, duplicateOf, nearDuplicateOf, redactions,
                parseFallback, snapshot);
    }
}
