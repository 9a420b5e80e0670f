package io.gitlore.chunker.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.gitlore.chunker.hygiene.SecretRedactor;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.scrape.SnapshotFile;

/**
 * Turns a prepared file's drafts into {@link ChunkRecord}s, in order, with the job's state: deterministic chunk ids,
 * change types, redaction counts, duplicate marks, claim-checked large code, and the job's figures.
 */
final class ChunkAssembler {

    private static final int MAX_OTHER_FILES = 50;

    /** Where a chunk comes from: a commit's change, or a file of the snapshot (idPrefix keeps their ids apart). */
    record Origin(String jobId, String repositoryId, String hash, long index, String author, String email,
                  Instant time, String subject, String body, String idPrefix, boolean snapshot) {

        static Origin of(CommitRecord c) {
            return new Origin(c.jobId(), c.repositoryId(), c.hash(), c.index(), c.author().name(),
                    c.author().email(), c.author().time(), c.subject(), c.body(), c.hash(),
                    false);
        }

        static Origin of(SnapshotBatch batch, SnapshotFile file) {
            return new Origin(batch.jobId(), batch.repositoryId(),
                    file.lastCommit() != null ? file.lastCommit() : batch.commit(), file.lastCommitIndex(),
                    file.lastAuthor(), file.lastAuthorEmail(), file.lastTime(), file.lastSubject(), "",
                    "snapshot:" + batch.commit(), true);
        }
    }

    private final BlobStore blobs;
    private final int maxInlineCodeBytes;

    ChunkAssembler(BlobStore blobs, int maxInlineCodeBytes) {
        this.blobs = blobs;
        this.maxInlineCodeBytes = maxInlineCodeBytes;
    }

    /** The other paths the commit changed, at most {@value #MAX_OTHER_FILES}. */
    static List<String> otherFiles(List<FileChange> files, FileChange file) {
        List<String> others = new ArrayList<>(MAX_OTHER_FILES);
        for (FileChange f : files) {
            if (f != file && !f.path().equals(file.path()) && others.size() < MAX_OTHER_FILES) {
                others.add(f.path());
            }
        }
        return others;
    }

    /**
     * Emits one prepared file's chunks, or counts why it was skipped. {@code occurrences} numbers the chunks that
     * share a path, kind and qualified name within one origin, so their ids stay apart.
     */
    void emit(Origin origin, String path, String language, PreparedFile prepared, List<String> otherFiles,
              Map<String, Integer> occurrences, JobState job, Consumer<ChunkRecord> out) {
        if (prepared.skip() != null) {
            job.skip(prepared.skip());
            return;
        }
        job.parseFallbacks += prepared.parseFallbacks();
        FileDrafts file = prepared.drafts();
        if (!file.drafts().isEmpty()) {
            job.filesChunked++;
        }
        for (int i = 0; i < file.drafts().size(); i++) {
            out.accept(record(origin, path, language, file.drafts().get(i), file.cleaned().get(i), file, otherFiles,
                    occurrences, job));
        }
    }

    private ChunkRecord record(Origin origin, String path, String language, Draft d, DraftCleaner.Cleaned c,
                               FileDrafts file, List<String> otherFiles, Map<String, Integer> occurrences,
                               JobState job) {
        PatchEdits edits = file.edits();
        Draft.Side newSide = d.newSide();
        Draft.Side oldSide = d.oldSide();
        List<String> added = new ArrayList<>();
        if (newSide.start() > 0) {
            edits.added().get(newSide.start(), newSide.end() + 1).stream()
                    .forEach(i -> added.add(Lines.at(file.newLines(), newSide.start() + i)));
        }
        List<String> removed = new ArrayList<>();
        if (oldSide.start() > 0) {
            edits.removed().get(oldSide.start(), oldSide.end() + 1).stream()
                    .forEach(i -> removed.add(Lines.at(file.oldLines(), oldSide.start() + i)));
        }
        ChangeKind changeType = origin.snapshot() ? ChangeKind.SNAPSHOT
                : ChangeClassifier.classify(language, d.kind(), d.change(), origin.subject(), origin.body(),
                new ChangeClassifier.UnitDiff(oldSide.code(), newSide.code(), removed, added));

        int redactions = 0;
        List<SecretRedactor.Result> redacted = new ArrayList<>(List.of(c.newCode(), c.oldCode()));
        redacted.addAll(c.hunkResults());
        for (SecretRedactor.Result r : redacted) {
            redactions += r.total();
            r.counts().forEach((type, n) -> job.redacted.merge(type, (long) n, Long::sum));
        }

        String key = path + "|" + d.kind() + "|" + d.label().qualified();
        int occurrence = occurrences.merge(key, 1, Integer::sum);
        String chunkId = BlobStore.sha256((origin.idPrefix() + "|" + key + "|" + occurrence)
                .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        String duplicateOf = job.exact.putIfAbsent(c.contentHash(), chunkId);
        String nearDuplicateOf = duplicateOf == null ? job.near.addAndFind(chunkId, c.signature()) : null;

        String newInline = c.newCode().text();
        String oldInline = c.oldCode().text();
        BlobRef newRef = null;
        BlobRef oldRef = null;
        if (newInline != null && newInline.length() > maxInlineCodeBytes) {
            newRef = blobs.put(newInline.getBytes(StandardCharsets.UTF_8));
            newInline = null;
        }
        if (oldInline != null && oldInline.length() > maxInlineCodeBytes) {
            oldRef = blobs.put(oldInline.getBytes(StandardCharsets.UTF_8));
            oldInline = null;
        }
        ChunkRecord chunk = ChunkRecord.builder()
                .jobId(origin.jobId()).repositoryId(origin.repositoryId()).chunkId(chunkId)
                .commit(origin.hash()).commitIndex(origin.index())
                .path(path).language(language)
                .kind(d.kind()).unitType(d.label().unitType()).name(d.label().name())
                .qualifiedName(d.label().qualified())
                .startLine(newSide.start()).endLine(newSide.end())
                .oldStartLine(oldSide.start()).oldEndLine(oldSide.end())
                .oldCode(oldInline).newCode(newInline).oldCodeRef(oldRef).newCodeRef(newRef)
                .hunks(c.hunkResults().stream().map(SecretRedactor.Result::text).toList())
                .additions(newSide.start() > 0 ? edits.countAdded(newSide.start(), newSide.end()) : 0)
                .deletions(oldSide.start() > 0 ? edits.countRemoved(oldSide.start(), oldSide.end()) : 0)
                .complexityBefore(d.complexityBefore()).complexityAfter(d.complexityAfter())
                .changeType(changeType)
                .author(origin.author()).authorEmail(origin.email()).time(origin.time()).subject(origin.subject())
                .otherFiles(otherFiles)
                .tokens(c.tokens()).contentHash(c.contentHash())
                .duplicateOf(duplicateOf).nearDuplicateOf(nearDuplicateOf)
                .redactions(redactions).parseFallback(d.fallback()).snapshot(origin.snapshot())
                .build();
        job.count(chunk);
        return chunk;
    }
}
