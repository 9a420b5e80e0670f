package io.gitlore.chunker.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.gitlore.chunker.cache.Fnv;
import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.hygiene.FileFilter;
import io.gitlore.chunker.hygiene.NearDuplicates;
import io.gitlore.chunker.hygiene.SecretRedactor;
import io.gitlore.chunker.syntax.LanguageSpec;
import io.gitlore.chunker.syntax.ParsedFile;
import io.gitlore.chunker.syntax.SyntaxParser;
import io.gitlore.chunker.syntax.Unit;
import io.gitlore.chunker.text.TextSections;
import io.gitlore.chunker.text.Tokens;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.scrape.SnapshotFile;
import io.gitlore.contracts.serde.Json;
import io.gitlore.chunker.core.ChangeClassifier.UnitChange;

/**
 * Turns one commit record into chunks: for each changed text file, the syntax units (tree-sitter) or text sections
 * that the diff touches, sized between the configured token bounds, with secrets redacted and duplicates marked.
 * Reads file bodies and large patches from the blob store. One instance per thread (it owns native parsers).
 */
public final class CommitChunker implements AutoCloseable {

    private static final ParsedFile EMPTY = new ParsedFile(List.of(), List.of());
    private static final int MAX_OTHER_FILES = 50;
    private static final int MAX_HUNK_CHARS = 16_384;
    private static final java.util.regex.Pattern DECLARATION = java.util.regex.Pattern.compile(
            "^\\s*(package\\s|import\\s|from\\s+\\S+\\s+import\\s|(pub(\\([^)]*\\))?\\s+)?(use|mod)\\s+[\\w:{}, *]+;"
                    + "|#include\\s|extern crate\\s|\\}\\s*$|\\)\\s*$)");

    /** A chunk before ids, redaction and duplicate marks. Lines are 1-based; 0 when that side is absent. */
    record Draft(ChunkKind kind, String unitType, String name, String qualified, UnitChange change,
                         int newStart, int newEnd, int oldStart, int oldEnd, String newCode, String oldCode,
                         Integer ccBefore, Integer ccAfter, boolean fallback, boolean container) {

        String code() {
            return newCode != null ? newCode : oldCode;
        }

        int firstLine() {
            return newStart > 0 ? newStart : oldStart;
        }
    }

    /** Where a chunk comes from: a commit's change, or a file of the snapshot (idPrefix keeps their ids apart). */
    private record Origin(String jobId, String repositoryId, String hash, long index, String author, String email,
                          java.time.Instant time, String subject, String message, String idPrefix,
                          boolean snapshot) {

        static Origin of(CommitRecord c) {
            return new Origin(c.jobId(), c.repositoryId(), c.hash(), c.index(), c.author().name(),
                    c.author().email(), c.author().time(), c.subject(), c.subject() + "\n" + c.body(), c.hash(),
                    false);
        }

        static Origin of(SnapshotBatch batch, SnapshotFile file) {
            return new Origin(batch.jobId(), batch.repositoryId(),
                    file.lastCommit() != null ? file.lastCommit() : batch.commit(), file.lastCommitIndex(),
                    file.lastAuthor(), file.lastAuthorEmail(), file.lastTime(), file.lastSubject(), "",
                    "snapshot:" + batch.commit(), true);
        }
    }

    private final ChunkerOptions options;
    private final BlobStore blobs;
    private final SyntaxParser parser;
    private final SecretRedactor redactor = new SecretRedactor();
    private final Map<String, ParsedFile> parsedByPathAndBlob;
    private final Map<String, FileDrafts> draftsByChange;
    private final Map<String, Integer> complexityMemo = new Lru<>(65_536);
    // A unit's code after one commit is its old code in the next one that touches it, the same on every branch that
    // carries it, and a hunk is shared by the units it touches: redaction and fingerprints are kept by text.
    private final Map<String, SecretRedactor.Result> redactedCode = new Lru<>(8_192);
    private final Map<String, Fingerprint> fingerprints = new Lru<>(8_192);

    /** What duplicate detection and sizing need of a chunk's (redacted) code. */
    private record Fingerprint(String contentHash, int[] signature, int tokens) {
    }

    /** A file change already chunked: the same old and new content at the same path yield the same drafts. */
    /**
     * A draft's per-chunk work that needs no job state: its hunks, redaction, content hash, MinHash signature and
     * size. It is done where the file is prepared (a worker thread) and cached with the file's drafts, so the
     * in-order emit only assigns ids and looks up duplicates.
     */
    record Cleaned(List<String> hunks, SecretRedactor.Result newCode, SecretRedactor.Result oldCode,
                   List<SecretRedactor.Result> hunkResults, String code, String contentHash, int[] signature,
                   int tokens) {
    }

    public record FileDrafts(List<Draft> drafts, List<Cleaned> cleaned, PatchEdits edits, String[] newLines,
                             String[] oldLines) {
    }

    public CommitChunker(ChunkerOptions options, BlobStore blobs) {
        this.options = options;
        this.blobs = blobs;
        this.parser = new SyntaxParser(options.cachedTrees());
        this.parsedByPathAndBlob = new Lru<>(options.cachedFiles());
        // Merges diffed against their first parent, cherry-picks and rebased branches repeat the same file change
        // many times in a history: chunk it once, re-emit it under each commit.
        this.draftsByChange = new Lru<>(options.cachedFiles() / 4);
    }

    public SyntaxParser parser() {
        return parser;
    }

    /** One changed file made ready to emit: its drafts, or why it was skipped; no job state is touched. */
    public record Prepared(FileDrafts drafts, String skip, int parseFallbacks) {
    }

    /** Chunks one commit on the calling thread (prepare and emit each file in turn). */
    public void chunk(CommitRecord commit, JobState job, Consumer<ChunkRecord> out) {
        List<FileChange> files = files(commit);
        job.commits++;
        Map<String, Integer> occurrences = new HashMap<>();
        for (FileChange file : files) {
            // Each file is chunked and emitted before the next is read: a commit of thousands of files stays small.
            emit(commit, files, file, prepare(file), occurrences, job, out);
        }
    }

    /** The commit's changed files, read back from the blob store when the list was claim-checked. */
    public List<FileChange> files(CommitRecord commit) {
        List<FileChange> files = commit.files();
        if (files.isEmpty() && commit.filesRef() != null) {
            files = List.of(Json.read(blobs.get(commit.filesRef()), FileChange[].class));
        }
        return files;
    }

    /** Parses and cuts one changed file; the expensive half of chunking, free of job state. */
    public Prepared prepare(FileChange file) {
        String path = file.path();
        if (file.unavailable() != null) {
            return new Prepared(null, "unavailable", 0);
        }
        if (file.binary()) {
            return new Prepared(null, "binary", 0);
        }
        String byPath = FileFilter.skipByPath(path);
        if (byPath != null) {
            return new Prepared(null, byPath, 0);
        }
        String changeKey = file.oldBlobId() + ">" + file.newBlobId() + "@" + file.oldPath() + ">" + file.newPath();
        FileDrafts known = draftsByChange.get(changeKey);
        if (known != null) {
            return new Prepared(known, null, 0);
        }
        boolean hasNew = file.changeType() != ChangeType.DELETED;
        boolean hasOld = file.changeType() != ChangeType.ADDED;
        String newText = hasNew && file.newBlob() != null ? decode(blobs.get(file.newBlob())) : null;
        String oldText = hasOld && file.oldBlob() != null ? decode(blobs.get(file.oldBlob())) : null;
        if (hasNew && newText == null || hasOld && oldText == null) {
            return new Prepared(null, "too-large", 0);
        }
        String byContent = FileFilter.skipByContent(hasNew ? newText : oldText);
        if (byContent != null) {
            return new Prepared(null, byContent, 0);
        }
        String patch = file.patch() != null ? file.patch()
                : file.patchRef() != null ? decode(blobs.get(file.patchRef())) : null;
        PatchEdits edits = PatchEdits.parse(patch);
        String[] newLines = hasNew ? lines(newText) : new String[0];
        String[] oldLines = hasOld ? lines(oldText) : new String[0];
        LanguageSpec spec = LanguageSpec.of(file.language());
        int[] fallbacks = {0};
        List<Draft> drafts = spec != null
                ? codeDrafts(spec, file, newText, oldText, newLines, oldLines, edits, fallbacks)
                : textDrafts(file, newLines, oldLines, edits);
        List<Draft> sizedDrafts = sized(drafts, newLines, edits);
        FileDrafts result = new FileDrafts(sizedDrafts, sizedDrafts.stream().map(d -> clean(d, edits)).toList(),
                edits, newLines, oldLines);
        draftsByChange.put(changeKey, result);
        return new Prepared(result, null, fallbacks[0]);
    }

    /** Turns a prepared file into chunk records in order: ids, redaction, duplicates, stats (the job's half). */
    public void emit(CommitRecord commit, List<FileChange> files, FileChange file, Prepared prepared,
                     Map<String, Integer> occurrences, JobState job, Consumer<ChunkRecord> out) {
        if (prepared.skip() != null) {
            job.skip(prepared.skip());
            return;
        }
        job.parseFallbacks += prepared.parseFallbacks();
        List<String> others = new ArrayList<>(MAX_OTHER_FILES);
        for (FileChange f : files) {
            if (f != file && !f.path().equals(file.path()) && others.size() < MAX_OTHER_FILES) {
                others.add(f.path());
            }
        }
        emit(commit, file, prepared.drafts(), others, occurrences, job, out);
    }

    private void emit(CommitRecord commit, FileChange file, FileDrafts chunked, List<String> otherFiles,
                      Map<String, Integer> occurrences, JobState job, Consumer<ChunkRecord> out) {
        if (!chunked.drafts().isEmpty()) {
            job.filesChunked++;
        }
        Origin origin = Origin.of(commit);
        for (int i = 0; i < chunked.drafts().size(); i++) {
            out.accept(finish(origin, file.path(), file.language(), chunked.drafts().get(i), chunked.cleaned().get(i),
                    chunked.edits(), chunked.newLines(), chunked.oldLines(), otherFiles, occurrences, job));
        }
    }

    /**
     * Chunks the code as it is at the snapshot ref: every unit (or text section) of each file, whatever its history,
     * attributed to the last commit that touched the file.
     */
    public void chunkSnapshot(SnapshotBatch batch, JobState job, Consumer<ChunkRecord> out) {
        for (SnapshotFile file : batch.files()) {
            String path = file.path();
            String skip = file.binary() ? "binary" : file.blob() == null ? "too-large" : FileFilter.skipByPath(path);
            String text = skip == null ? decode(blobs.get(file.blob())) : null;
            if (skip == null) {
                skip = FileFilter.skipByContent(text);
            }
            if (skip != null) {
                job.skip("snapshot-" + skip);
                continue;
            }
            String[] lines = lines(text);
            PatchEdits none = PatchEdits.parse(null);
            LanguageSpec spec = LanguageSpec.of(file.language());
            List<Draft> drafts = new ArrayList<>();
            if (spec != null) {
                ParsedFile parsed = parsed(spec, path, file.blobId(), text, null, null, null);
                for (Unit u : parsed.units()) {
                    drafts.add(new Draft(u.kind(), u.unitType(), u.name(), u.qualifiedName(), UnitChange.NEW,
                            u.startLine(), u.endLine(), 0, 0, code(lines, u), null, null,
                            complexity(spec, file.blobId(), text, u, code(lines, u)), u.fromErrorRegion(),
                            u.isContainer()));
                }
            } else {
                for (TextSections.Section s : TextSections.split(file.language(), lines, options.windowLines())) {
                    drafts.add(new Draft(s.kind(), s.kind().name().toLowerCase(), s.name(), path + "#" + s.name(),
                            UnitChange.NEW, s.startLine(), s.endLine(), 0, 0, slice(lines, s.startLine(), s.endLine()),
                            null, null, null, false, false));
                }
            }
            drafts = sized(drafts, lines, none);
            if (!drafts.isEmpty()) {
                job.filesChunked++;
            }
            Origin origin = Origin.of(batch, file);
            Map<String, Integer> occurrences = new HashMap<>();
            for (Draft d : drafts) {
                out.accept(finish(origin, path, file.language(), d, clean(d, none), none, lines, new String[0],
                        List.of(), occurrences, job));
            }
        }
    }

    // ---- code ----------------------------------------------------------------------------------------------

    private List<Draft> codeDrafts(LanguageSpec spec, FileChange file, String newText, String oldText,
                                   String[] newLines, String[] oldLines, PatchEdits edits, int[] fallbacks) {
        ParsedFile oldParsed = oldText == null ? EMPTY
                : parsed(spec, file.oldPath(), file.oldBlobId(), oldText, null, null, null);
        ParsedFile newParsed = newText == null ? EMPTY
                : parsed(spec, file.newPath(), file.newBlobId(), newText, file.oldBlobId(), edits, oldText);
        Map<String, Unit> oldById = new HashMap<>();
        oldParsed.units().forEach(u -> oldById.putIfAbsent(u.identity(), u));
        Set<String> newIds = new HashSet<>();
        List<Draft> drafts = new ArrayList<>();
        for (Unit u : newParsed.units()) {
            newIds.add(u.identity());
            Unit o = oldById.get(u.identity());
            boolean changed = touched(u, edits.added()) || o != null && touched(o, edits.removed());
            if (!changed) {
                continue;
            }
            String newCode = code(newLines, u);
            String oldCode = o == null ? null : code(oldLines, o);
            drafts.add(new Draft(u.kind(), u.unitType(), u.name(), u.qualifiedName(),
                    o == null ? UnitChange.NEW : UnitChange.MODIFIED, u.startLine(), u.endLine(),
                    o == null ? 0 : o.startLine(), o == null ? 0 : o.endLine(), newCode, oldCode,
                    o == null ? null : complexity(spec, file.oldBlobId(), oldText, o, oldCode),
                    complexity(spec, file.newBlobId(), newText, u, newCode), u.fromErrorRegion(), u.isContainer()));
            if (u.fromErrorRegion()) {
                fallbacks[0]++;
            }
        }
        for (Unit o : oldParsed.units()) {
            if (!newIds.contains(o.identity())) {
                String oldCode = code(oldLines, o);
                drafts.add(new Draft(o.kind(), o.unitType(), o.name(), o.qualifiedName(), UnitChange.DELETED, 0, 0,
                        o.startLine(), o.endLine(), null, oldCode,
                        complexity(spec, file.oldBlobId(), oldText, o, oldCode), null, false, o.isContainer()));
            }
        }
        // Changed lines outside every unit: top-level items (imports, constants) and regions that did not parse.
        BitSet looseAdded = meaningful(outside(edits.added(), newParsed.units()), newLines);
        BitSet errorAdded = new BitSet();
        for (int line = looseAdded.nextSetBit(0); line >= 0; line = looseAdded.nextSetBit(line + 1)) {
            if (newParsed.inErrorRegion(line)) {
                errorAdded.set(line);
            }
        }
        looseAdded.andNot(errorAdded);
        BitSet looseRemoved = meaningful(outside(edits.removed(), oldParsed.units()), oldLines);
        UnitChange topLevel = oldText == null ? UnitChange.NEW : UnitChange.MODIFIED;
        for (int[] region : clusters(looseAdded, 5)) {
            drafts.add(region(ChunkKind.MODULE, "top-level", "(top level)", file.path() + ":top-level", newLines,
                    region, true, false, topLevel));
        }
        if (looseAdded.isEmpty()) {
            for (int[] region : clusters(looseRemoved, 5)) {
                drafts.add(region(ChunkKind.MODULE, "top-level", "(top level)", file.path() + ":top-level",
                        oldLines, region, false, false, newText == null ? UnitChange.DELETED : UnitChange.MODIFIED));
            }
        }
        for (int[] region : clusters(errorAdded, 5)) {
            fallbacks[0]++;
            drafts.add(region(ChunkKind.TEXT, "unparsed", "lines " + region[0] + "-" + region[1],
                    file.path() + ":" + region[0], newLines, region, true, true, topLevel));
        }
        return drafts;
    }

    private ParsedFile parsed(LanguageSpec spec, String path, String blobId, String text, String previousBlobId,
                              PatchEdits edits, String previousText) {
        // Keyed by path too: qualified names carry the module or package the path implies, so the same blob at a
        // renamed path has other units' names.
        String key = blobId == null ? null : blobId + "@" + path;
        ParsedFile cached = key == null ? null : parsedByPathAndBlob.get(key);
        if (cached != null) {
            return cached;
        }
        ParsedFile parsed = parser.parse(spec, path, blobId, text, previousBlobId,
                edits == null ? null : edits.edits(), previousText);
        if (blobId != null) {
            parsedByPathAndBlob.put(key, parsed);
        }
        return parsed;
    }

    /**
     * Complexity of a function-like unit; containers and types have none (their members carry it). Memoised by the
     * unit's own text: a unit's complexity after one commit is its complexity before the next, wherever edits
     * elsewhere in the file moved it, and on every branch that carries the same version.
     */
    private Integer complexity(LanguageSpec spec, String blobId, String text, Unit unit, String unitCode) {
        return switch (unit.kind()) {
            case FUNCTION, METHOD, TEST -> {
                if (blobId == null) {
                    yield parser.complexity(spec, null, text, unit);
                }
                String key = spec.language() + ":" + unitCode.length() + ":" + Fnv.hash64(unitCode);
                Integer known = complexityMemo.get(key);
                if (known == null) {
                    known = parser.complexity(spec, blobId, text, unit);
                    complexityMemo.put(key, known);
                }
                yield known;
            }
            default -> null;
        };
    }

    private static boolean touched(Unit unit, BitSet lines) {
        for (int line = lines.nextSetBit(unit.startLine()); line >= 0 && line <= unit.endLine();
             line = lines.nextSetBit(line + 1)) {
            if (unit.ownsLine(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops blank lines and bare declarations of packages, imports and file modules from loose changed lines: on
     * their own they are not a unit worth retrieving (they still show in the hunks of the units they serve).
     */
    private static BitSet meaningful(BitSet lines, String[] text) {
        for (int line = lines.nextSetBit(0); line >= 0; line = lines.nextSetBit(line + 1)) {
            String l = lineAt(text, line);
            if (l.isBlank() || DECLARATION.matcher(l).find()) {
                lines.clear(line);
            }
        }
        return lines;
    }

    private static BitSet outside(BitSet lines, List<Unit> units) {
        BitSet result = (BitSet) lines.clone();
        for (Unit u : units) {
            result.clear(u.startLine(), u.endLine() + 1);
        }
        return result;
    }

    /** Groups set lines into {@code [start, end]} regions, joining gaps up to {@code gap} lines. */
    private static List<int[]> clusters(BitSet lines, int gap) {
        List<int[]> regions = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int line = lines.nextSetBit(1); line >= 0; line = lines.nextSetBit(line + 1)) {
            if (start < 0) {
                start = line;
            } else if (line - end > gap) {
                regions.add(new int[] {start, end});
                start = line;
            }
            end = line;
        }
        if (start >= 0) {
            regions.add(new int[] {start, end});
        }
        return regions;
    }

    private static Draft region(ChunkKind kind, String unitType, String name, String qualified, String[] lines,
                                int[] region, boolean newSide, boolean fallback, UnitChange change) {
        int from = Math.max(1, region[0] - 2);
        int to = Math.min(lines.length, region[1] + 2);
        String code = slice(lines, from, to);
        return newSide
                ? new Draft(kind, unitType, name, qualified, change, from, to, 0, 0, code, null, null, null, fallback,
                false)
                : new Draft(kind, unitType, name, qualified, change, 0, 0, from, to, null, code, null, null, fallback,
                false);
    }

    /** A unit's code; a container shows its own lines with each member collapsed to its first line. */
    private static String code(String[] lines, Unit unit) {
        if (!unit.isContainer()) {
            return slice(lines, unit.startLine(), unit.endLine());
        }
        StringBuilder out = new StringBuilder();
        List<int[]> members = new ArrayList<>(unit.memberRanges());
        members.sort(Comparator.comparingInt(m -> m[0]));
        int line = unit.startLine();
        for (int[] member : members) {
            for (; line < member[0]; line++) {
                out.append(lineAt(lines, line)).append('\n');
            }
            String first = lineAt(lines, member[0]);
            out.append(first).append(member[1] > member[0] ? " …" : "").append('\n');
            line = member[1] + 1;
        }
        for (; line <= unit.endLine(); line++) {
            out.append(lineAt(lines, line)).append('\n');
        }
        return out.toString();
    }

    // ---- text ----------------------------------------------------------------------------------------------

    private List<Draft> textDrafts(FileChange file, String[] newLines, String[] oldLines, PatchEdits edits) {
        String language = file.language();
        List<TextSections.Section> newSections = newLines.length == 0 ? List.of()
                : TextSections.split(language, newLines, options.windowLines());
        List<TextSections.Section> oldSections = oldLines.length == 0 ? List.of()
                : TextSections.split(language, oldLines, options.windowLines());
        Map<String, TextSections.Section> oldByName = new HashMap<>();
        oldSections.forEach(s -> oldByName.putIfAbsent(s.name(), s));
        boolean windows = newSections.stream().anyMatch(s -> s.kind() == ChunkKind.TEXT)
                || oldSections.stream().anyMatch(s -> s.kind() == ChunkKind.TEXT);
        List<Draft> drafts = new ArrayList<>();
        Set<String> newNames = new HashSet<>();
        for (TextSections.Section s : newSections) {
            newNames.add(s.name());
            TextSections.Section o = oldByName.get(s.name());
            boolean changed = edits.addedIn(s.startLine(), s.endLine())
                    || (windows ? edits.removedIn(s.startLine(), s.endLine())
                    : o != null && edits.removedIn(o.startLine(), o.endLine()));
            if (!changed) {
                continue;
            }
            UnitChange change = o == null && !windows ? UnitChange.NEW : oldLines.length == 0 ? UnitChange.NEW
                    : UnitChange.MODIFIED;
            drafts.add(new Draft(s.kind(), s.kind().name().toLowerCase(), s.name(), file.path() + "#" + s.name(),
                    change, s.startLine(), s.endLine(), o == null ? 0 : o.startLine(), o == null ? 0 : o.endLine(),
                    slice(newLines, s.startLine(), s.endLine()),
                    o == null ? null : slice(oldLines, o.startLine(), o.endLine()), null, null, false, false));
        }
        for (TextSections.Section o : oldSections) {
            if (!newNames.contains(o.name()) && (newLines.length == 0 || !windows)) {
                drafts.add(new Draft(o.kind(), o.kind().name().toLowerCase(), o.name(), file.path() + "#" + o.name(),
                        UnitChange.DELETED, 0, 0, o.startLine(), o.endLine(), null,
                        slice(oldLines, o.startLine(), o.endLine()), null, null, false, false));
            }
        }
        return drafts;
    }

    // ---- sizing --------------------------------------------------------------------------------------------

    private List<Draft> sized(List<Draft> drafts, String[] newLines, PatchEdits edits) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            if (Tokens.estimate(d.code()) <= options.maxTokens() || d.container()) {
                result.add(d);
            } else {
                result.addAll(split(d, edits));
            }
        }
        result.sort(Comparator.comparingInt(Draft::firstLine));
        return merged(result);
    }

    /**
     * Splits an oversized unit at inner boundaries: lines at the unit's shallowest inner indentation (statement
     * starts) or blank lines, never exceeding the token budget; only parts that hold a change are kept for
     * modified units.
     */
    private List<Draft> split(Draft d, PatchEdits edits) {
        boolean newSide = d.newCode() != null;
        String[] lines = lines(d.code());
        int base = newSide ? d.newStart() : d.oldStart();
        int inner = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                inner = Math.min(inner, indent(lines[i]));
            }
        }
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        int tokens = 0;
        int lastBoundary = -1;
        for (int i = 0; i < lines.length; i++) {
            int t = Tokens.estimate(lines[i]) + 1;
            if (tokens + t > options.maxTokens() && i > start) {
                int cut = lastBoundary > start + (i - start) / 3 ? lastBoundary : i;
                parts.add(new int[] {start, cut - 1});
                start = cut;
                tokens = 0;
                for (int j = cut; j < i; j++) {
                    tokens += Tokens.estimate(lines[j]) + 1;
                }
                lastBoundary = -1;
            }
            if (i > start && (lines[i].isBlank() || indent(lines[i]) <= inner)) {
                lastBoundary = i;
            }
            tokens += t;
        }
        parts.add(new int[] {start, lines.length - 1});
        List<Draft> result = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            int from = base + parts.get(p)[0];
            int to = base + parts.get(p)[1];
            boolean changed = d.change() != UnitChange.MODIFIED
                    || (newSide ? edits.addedIn(from, to) : edits.removedIn(from, to));
            if (!changed) {
                continue;
            }
            String code = String.join("\n", java.util.Arrays.copyOfRange(lines, parts.get(p)[0],
                    parts.get(p)[1] + 1)) + "\n";
            String suffix = " [" + (p + 1) + "/" + parts.size() + "]";
            result.add(newSide
                    ? new Draft(d.kind(), d.unitType(), d.name() + suffix, d.qualified() + suffix, d.change(), from,
                    to, 0, 0, code, null, d.ccBefore(), d.ccAfter(), d.fallback(), false)
                    : new Draft(d.kind(), d.unitType(), d.name() + suffix, d.qualified() + suffix, d.change(), 0, 0,
                    from, to, null, code, d.ccBefore(), d.ccAfter(), d.fallback(), false));
        }
        return result;
    }

    /** Merges runs of adjacent tiny chunks of the same kind and change into one chunk up to the token budget. */
    private List<Draft> merged(List<Draft> drafts) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            Draft last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && mergeable(last, d)) {
                result.set(result.size() - 1, merge(last, d));
            } else {
                result.add(d);
            }
        }
        return result;
    }

    private boolean mergeable(Draft a, Draft b) {
        if (a.container() || b.container() || a.kind() != b.kind() || a.change() != b.change()
                || (a.newCode() == null) != (b.newCode() == null) || (a.oldCode() == null) != (b.oldCode() == null)) {
            return false;
        }
        int ta = Tokens.estimate(a.code());
        int tb = Tokens.estimate(b.code());
        boolean adjacent = a.newCode() != null ? b.newStart() - a.newEnd() <= 3 : b.oldStart() - a.oldEnd() <= 3;
        return adjacent && (ta < options.minTokens() || tb < options.minTokens()) && ta + tb <= options.maxTokens();
    }

    private static Draft merge(Draft a, Draft b) {
        return new Draft(a.kind(), a.unitType(), a.name() + ", " + b.name(), a.qualified() + "+" + b.name(),
                a.change(), a.newStart(), Math.max(a.newEnd(), b.newEnd()), a.oldStart(),
                Math.max(a.oldEnd(), b.oldEnd()), join(a.newCode(), b.newCode()), join(a.oldCode(), b.oldCode()),
                sum(a.ccBefore(), b.ccBefore()), sum(a.ccAfter(), b.ccAfter()), a.fallback() || b.fallback(), false);
    }

    private static String join(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    private static Integer sum(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    // ---- the record ----------------------------------------------------------------------------------------

    private Cleaned clean(Draft d, PatchEdits edits) {
        List<String> hunks = new ArrayList<>();
        int hunkChars = 0;
        for (String h : edits.hunksTouching(d.newStart(), d.newEnd(), d.oldStart(), d.oldEnd())) {
            if (hunkChars + h.length() > MAX_HUNK_CHARS) {
                break;
            }
            hunks.add(h);
            hunkChars += h.length();
        }
        SecretRedactor.Result newCode = redact(d.newCode());
        SecretRedactor.Result oldCode = redact(d.oldCode());
        List<SecretRedactor.Result> hunkResults = hunks.stream().map(this::redact).toList();
        String code = newCode.text() != null ? newCode.text() : oldCode.text();
        Fingerprint f = fingerprints.computeIfAbsent(code, c -> new Fingerprint(
                BlobStore.sha256(c.getBytes(StandardCharsets.UTF_8)), NearDuplicates.signature(c), Tokens.estimate(c)));
        return new Cleaned(hunks, newCode, oldCode, hunkResults, code, f.contentHash(), f.signature(), f.tokens());
    }

    private SecretRedactor.Result redact(String code) {
        return code == null || code.isEmpty() ? redactor.redact(code)
                : redactedCode.computeIfAbsent(code, redactor::redact);
    }

    private ChunkRecord finish(Origin origin, String path, String language, Draft d, Cleaned c, PatchEdits edits,
                               String[] newLines, String[] oldLines, List<String> otherFiles,
                               Map<String, Integer> occurrences, JobState job) {
        List<String> changed = new ArrayList<>();
        if (d.newStart() > 0) {
            BitSet added = edits.added().get(d.newStart(), d.newEnd() + 1);
            added.stream().forEach(i -> changed.add(lineAt(newLines, d.newStart() + i)));
        }
        if (d.oldStart() > 0) {
            BitSet removed = edits.removed().get(d.oldStart(), d.oldEnd() + 1);
            removed.stream().forEach(i -> changed.add(lineAt(oldLines, d.oldStart() + i)));
        }
        ChangeKind changeType = origin.snapshot() ? ChangeKind.SNAPSHOT
                : ChangeClassifier.classify(language, d.kind(), d.change(), origin.message(), changed);

        int redactions = 0;
        SecretRedactor.Result newCode = c.newCode();
        SecretRedactor.Result oldCode = c.oldCode();
        List<SecretRedactor.Result> hunkResults = c.hunkResults();
        for (SecretRedactor.Result r : concat(List.of(newCode, oldCode), hunkResults)) {
            redactions += r.total();
            r.counts().forEach((type, n) -> job.redacted.merge(type, (long) n, Long::sum));
        }

        String key = path + "|" + d.kind() + "|" + d.qualified();
        int occurrence = occurrences.merge(key, 1, Integer::sum);
        String chunkId = BlobStore.sha256((origin.idPrefix() + "|" + key + "|" + occurrence)
                .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        String contentHash = c.contentHash();
        String duplicateOf = job.exact.putIfAbsent(contentHash, chunkId);
        String nearDuplicateOf = duplicateOf == null ? job.near.addAndFind(chunkId, c.signature()) : null;

        String newInline = newCode.text();
        String oldInline = oldCode.text();
        BlobRef newRef = null;
        BlobRef oldRef = null;
        if (newInline != null && newInline.length() > options.maxInlineCodeBytes()) {
            newRef = blobs.put(newInline.getBytes(StandardCharsets.UTF_8));
            newInline = null;
        }
        if (oldInline != null && oldInline.length() > options.maxInlineCodeBytes()) {
            oldRef = blobs.put(oldInline.getBytes(StandardCharsets.UTF_8));
            oldInline = null;
        }
        int additions = d.newStart() > 0 ? edits.countAdded(d.newStart(), d.newEnd()) : 0;
        int deletions = d.oldStart() > 0 ? edits.countRemoved(d.oldStart(), d.oldEnd()) : 0;
        ChunkRecord chunk = new ChunkRecord(origin.jobId(), origin.repositoryId(), chunkId, origin.hash(),
                origin.index(), path, language, d.kind(), d.unitType(), d.name(), d.qualified(),
                d.newStart(), d.newEnd(), d.oldStart(), d.oldEnd(), oldInline, newInline, oldRef, newRef,
                hunkResults.stream().map(SecretRedactor.Result::text).toList(), additions, deletions, d.ccBefore(),
                d.ccAfter(), changeType, origin.author(), origin.email(), origin.time(), origin.subject(), otherFiles,
                c.tokens(), contentHash, duplicateOf, nearDuplicateOf, redactions, d.fallback(),
                origin.snapshot());
        job.count(chunk);
        return chunk;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- text helpers --------------------------------------------------------------------------------------

    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String[] lines(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length > 0 && lines[lines.length - 1].isEmpty()) {
            return java.util.Arrays.copyOf(lines, lines.length - 1);
        }
        return lines;
    }

    private static String lineAt(String[] lines, int line1) {
        return line1 >= 1 && line1 <= lines.length ? lines[line1 - 1] : "";
    }

    private static String slice(String[] lines, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(1, from); i <= Math.min(lines.length, to); i++) {
            out.append(lines[i - 1]).append('\n');
        }
        return out.toString();
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    @Override
    public void close() {
        parser.close();
    }
}
