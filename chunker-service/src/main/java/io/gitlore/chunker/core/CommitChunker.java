package io.gitlore.chunker.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.core.ChunkAssembler.Origin;
import io.gitlore.chunker.layout.LayoutTracker;
import io.gitlore.chunker.layout.ProjectLayout;
import io.gitlore.chunker.syntax.SyntaxParser;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.scrape.SnapshotFile;
import io.gitlore.contracts.serde.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Turns one commit record into chunks: for each changed text file, the syntax units (tree-sitter) or text sections
 * that the diff touches, sized between the configured token bounds, with secrets redacted and duplicates marked.
 * Each file is prepared ({@link FilePreparer}) and then emitted in order ({@link ChunkAssembler}). Reads file bodies
 * and large patches from the blob store. One instance per thread (it owns native parsers).
 */
public final class CommitChunker implements AutoCloseable {

    /** Commits whose layouts are kept per repository, for children that come later (long-lived branches). */
    private static final int TRACKED_COMMITS = 262_144;

    private final BlobStore blobs;
    private final SyntaxParser parser;
    private final FilePreparer preparer;
    private final ChunkAssembler assembler;
    /** Each repository's manifests through its history (read on the thread that submits commits, in order). */
    private final Map<String, LayoutTracker> layouts = new Lru<>(16);

    /** A chunker whose parse meters go to a registry of its own (tests, tools). */
    public CommitChunker(ChunkerOptions options, BlobStore blobs) {
        this(options, blobs, new SimpleMeterRegistry());
    }

    public CommitChunker(ChunkerOptions options, BlobStore blobs, MeterRegistry meters) {
        this.blobs = blobs;
        this.parser = new SyntaxParser(options.cachedTrees(), meters);
        this.preparer = new FilePreparer(options, blobs, new ParseCache(parser, options.cachedFiles()));
        this.assembler = new ChunkAssembler(blobs, options.maxInlineCodeBytes());
    }

    /** Chunks one commit on the calling thread (prepare and emit each file in turn). */
    public void chunk(CommitRecord commit, JobState job, Consumer<ChunkRecord> out) {
        List<FileChange> files = files(commit);
        job.commits++;
        Map<String, Integer> occurrences = new HashMap<>();
        LayoutTracker.Span span = layouts(commit, files);
        for (FileChange file : files) {
            // Each file is chunked and emitted before the next is read: a commit of thousands of files stays small.
            emit(commit, files, file, prepare(file, span), occurrences, job, out);
        }
    }

    /** The commit's changed files, read back from the blob store when the list was claim-checked. */
    List<FileChange> files(CommitRecord commit) {
        List<FileChange> files = commit.files();
        if (files.isEmpty() && commit.filesRef() != null) {
            files = List.of(Json.read(blobs.get(commit.filesRef()), FileChange[].class));
        }
        return files;
    }

    /**
     * The manifests (Cargo.toml, go.mod, Python packages) before and after a commit, which name its files' units.
     * Commits must come in the stream's order, parents first.
     */
    LayoutTracker.Span layouts(CommitRecord commit, List<FileChange> files) {
        return tracker(commit.repositoryId()).commit(commit.hash(), commit.parents(), files,
                f -> f.newBlob() == null ? null : Lines.decode(blobs.get(f.newBlob())));
    }

    private LayoutTracker tracker(String repositoryId) {
        return layouts.computeIfAbsent(repositoryId, id -> new LayoutTracker(TRACKED_COMMITS));
    }

    /** Parses and cuts one changed file; the expensive half of chunking, free of job state. */
    PreparedFile prepare(FileChange file, LayoutTracker.Span span) {
        return preparer.prepare(file, span);
    }

    /** Turns a prepared file into chunk records in order: ids, redaction, duplicates, stats (the job's half). */
    void emit(CommitRecord commit, List<FileChange> files, FileChange file, PreparedFile prepared,
              Map<String, Integer> occurrences, JobState job, Consumer<ChunkRecord> out) {
        List<String> otherFiles = prepared.skip() == null ? ChunkAssembler.otherFiles(files, file) : List.of();
        assembler.emit(Origin.of(commit), file.path(), file.language(), prepared, otherFiles, occurrences, job, out);
    }

    /**
     * Chunks the code as it is at the snapshot ref: every unit (or text section) of each file, whatever its history,
     * attributed to the last commit that touched the file.
     */
    public void chunkSnapshot(SnapshotBatch batch, JobState job, Consumer<ChunkRecord> out) {
        ProjectLayout layout = tracker(batch.repositoryId()).snapshot(batch.commit(), batch.files(),
                f -> f.blob() == null ? null : Lines.decode(blobs.get(f.blob())));
        for (SnapshotFile file : batch.files()) {
            assembler.emit(Origin.of(batch, file), file.path(), file.language(),
                    preparer.prepareSnapshot(file, layout), List.of(), new HashMap<>(), job, out);
        }
    }

    @Override
    public void close() {
        parser.close();
    }
}
