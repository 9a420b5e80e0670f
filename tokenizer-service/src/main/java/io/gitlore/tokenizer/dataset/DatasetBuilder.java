package io.gitlore.tokenizer.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.serde.Json;
import io.gitlore.tokenizer.bpe.CodeTokenizer;

/**
 * Builds the chronological training dataset of one job: takes its chunks, groups them by commit, orders commits by
 * time (never by hash), renders each in the structural format, tokenizes, splits by time into train / validation /
 * test, and writes memory-mappable token shards, window indexes and a {@link DatasetManifest}.
 *
 * <p>Format of one commit (the header fields are plain text, so no vocabulary entry per author or file):
 * <pre>
 * &lt;|commit|&gt;commit 1a2b3c4 · 2024-03 · Ada Lovelace · Fix overflow in add
 * &lt;|file|&gt;src/lib.rs · BUG_FIX · crate::add
 * &lt;|code|&gt;pub fn add(...) { ... }
 * &lt;|/code|&gt;&lt;|/file|&gt;...&lt;|/commit|&gt;
 * </pre>
 */
public final class DatasetBuilder {

    /** Commits tokenized per native call. */
    private static final int BATCH = 64;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    /** One commit's rendered chunks, in arrival order. */
    private static final class CommitText {
        final String hash;
        final long index;
        final Instant time;
        final StringBuilder text = new StringBuilder();

        CommitText(ChunkRecord first) {
            this.hash = first.commit();
            this.index = first.commitIndex();
            this.time = first.time() == null ? Instant.EPOCH : first.time();
            text.append("<|commit|>commit ").append(hash, 0, Math.min(7, hash.length())).append(" · ")
                    .append(MONTH.format(time)).append(" · ").append(first.author()).append(" · ")
                    .append(first.subject()).append('\n');
        }
    }

    private final DatasetOptions options;
    private final CodeTokenizer tokenizer;
    private final Map<Long, CommitText> commits = new TreeMap<>();
    private long chunks;
    private long skippedDuplicates;
    private long skippedSnapshot;
    private long withReplacementCharacters;

    public DatasetBuilder(DatasetOptions options, CodeTokenizer tokenizer) {
        this.options = options;
        this.tokenizer = tokenizer;
    }

    /** Adds one chunk; claim-checked code is read through {@code resolve}. */
    public void add(ChunkRecord chunk, Function<BlobRef, String> resolve) {
        if (chunk.snapshot()) {
            skippedSnapshot++; // the snapshot is the present, not history
            return;
        }
        if (options.skipDuplicates() && (chunk.duplicateOf() != null || chunk.nearDuplicateOf() != null)) {
            skippedDuplicates++;
            return;
        }
        String code = chunk.newCode() != null ? chunk.newCode()
                : chunk.newCodeRef() != null ? resolve.apply(chunk.newCodeRef())
                : chunk.oldCode() != null ? chunk.oldCode()
                : chunk.oldCodeRef() != null ? resolve.apply(chunk.oldCodeRef()) : "";
        if (code.indexOf('\uFFFD') >= 0) {
            withReplacementCharacters++; // bytes that were not UTF-8 upstream, replaced when decoded
        }
        CommitText commit = commits.computeIfAbsent(chunk.commitIndex(), i -> new CommitText(chunk));
        commit.text.append("<|file|>").append(chunk.path()).append(" · ").append(chunk.changeType()).append(" · ")
                .append(chunk.qualifiedName()).append("\n<|code|>").append(code).append("<|/code|><|/file|>");
        chunks++;
    }

    /** What {@link #build} gives: the dataset it wrote, or why there was nothing to write. */
    public sealed interface Result permits Built, Empty {
    }

    /** The dataset was written; its manifest. */
    public record Built(DatasetManifest manifest) implements Result {
    }

    /** Nothing to train on (every chunk was a duplicate or a snapshot, or none came): a result, not a failure. */
    public record Empty(String reason) implements Result {
    }

    /**
     * Writes the dataset into {@code dir} and returns its manifest, or {@link Empty} with the reason and no shard
     * when the job has nothing to train on; anything else that goes wrong (the tokenizer, the disk) throws.
     */
    public Result build(String jobId, String repositoryId, Path dir) {
        if (commits.isEmpty()) {
            return new Empty("nothing to train on: job " + jobId + " has no chunks left (" + skippedDuplicates
                    + " duplicates and " + skippedSnapshot + " snapshot chunks skipped)");
        }
        List<CommitText> ordered = new ArrayList<>(commits.values());
        ordered.sort(Comparator.comparing((CommitText c) -> c.time).thenComparingLong(c -> c.index));
        IntBuffer stream = new IntBuffer();
        long[] commitStart = new long[ordered.size() + 1];
        for (int from = 0; from < ordered.size(); from += BATCH) {
            List<String> texts = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(ordered.size(), from + BATCH); i++) {
                texts.add(ordered.get(i).text.append("<|/commit|>").toString());
            }
            List<long[]> encoded = tokenizer.encodeBatch(texts);
            for (int i = 0; i < encoded.size(); i++) {
                commitStart[from + i] = stream.size;
                for (long id : encoded.get(i)) {
                    stream.add((int) id);
                }
            }
        }
        commitStart[ordered.size()] = stream.size;
        long total = stream.size;

        // Split at commit boundaries: the first commit that starts at or after the share's token count opens the next.
        int trainEnd = boundary(commitStart, (long) Math.ceil(total * options.trainShare()));
        int validationEnd = Math.max(trainEnd, boundary(commitStart,
                (long) Math.ceil(total * (options.trainShare() + options.validationShare()))));
        try {
            Files.createDirectories(dir);
            Path tokenizerCopy = dir.resolve("tokenizer.json");
            if (!tokenizer.path().toAbsolutePath().equals(tokenizerCopy.toAbsolutePath())) {
                Files.copy(tokenizer.path(), tokenizerCopy, StandardCopyOption.REPLACE_EXISTING);
            }
            String dtype = tokenizer.vocabularySize() <= 65_536 ? "uint16" : "int32";
            List<DatasetManifest.Split> splits = List.of(
                    split("train", ordered, commitStart, 0, trainEnd, stream, dtype, dir),
                    split("validation", ordered, commitStart, trainEnd, validationEnd, stream, dtype, dir),
                    split("test", ordered, commitStart, validationEnd, ordered.size(), stream, dtype, dir));
            DatasetManifest.Split train = splits.get(0);
            DatasetManifest manifest = new DatasetManifest(jobId, repositoryId, "tokenizer.json",
                    BlobStore.sha256(Files.readAllBytes(tokenizerCopy)), tokenizer.vocabularySize(), dtype,
                    ordered.size(), chunks, skippedDuplicates, skippedSnapshot, withReplacementCharacters, total,
                    options, splits,
                    plan(train.tokens(), train.windows()), Instant.now());
            Files.write(dir.resolve("manifest.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(manifest));
            return new Built(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dataset to " + dir, e);
        }
    }

    private static int boundary(long[] commitStart, long tokens) {
        for (int i = 0; i < commitStart.length - 1; i++) {
            if (commitStart[i] >= tokens) {
                return i;
            }
        }
        return commitStart.length - 1;
    }

    private DatasetManifest.Split split(String name, List<CommitText> ordered, long[] commitStart, int from, int to,
                                        IntBuffer stream, String dtype, Path dir) throws IOException {
        long start = commitStart[from];
        long end = commitStart[to];
        int n = (int) (end - start);
        Map<String, DatasetManifest.Shard> shards = new LinkedHashMap<>();
        shards.put("tokens", writeTokens(dir.resolve(name + ".tokens.bin"), stream, (int) start, n, dtype));
        long[][] windows = windows(n);
        shards.put("windows", writeWindows(dir.resolve(name + ".windows.bin"), windows));
        CommitText first = from < to ? ordered.get(from) : null;
        CommitText last = from < to ? ordered.get(to - 1) : null;
        long packed = (n + options.windowLength() - 1L) / options.windowLength();
        return new DatasetManifest.Split(name, n, to - from, first == null ? null : first.hash,
                last == null ? null : last.hash, first == null ? null : first.time, last == null ? null : last.time,
                windows.length, packed, shards);
    }

    /**
     * Context→target windows over a split's stream: starts every {@code stride} tokens while a full window fits,
     * then one window ending at the stream's end; a stream shorter than a window gives one window of its length
     * (the trainer masks the rest). Each entry is {start, valid length}.
     */
    long[][] windows(int n) {
        int length = options.windowLength();
        if (n == 0) {
            return new long[0][];
        }
        if (n <= length) {
            return new long[][] {{0, n}};
        }
        List<long[]> result = new ArrayList<>();
        long s = 0;
        for (; s + length <= n; s += options.stride()) {
            result.add(new long[] {s, length});
        }
        long lastStart = result.get(result.size() - 1)[0];
        if (lastStart + length < n) {
            result.add(new long[] {n - length, length});
        }
        return result.toArray(new long[0][]);
    }

    DatasetManifest.EpochPlan plan(long trainTokens, long trainWindows) {
        int epochs = (int) Math.max(options.minEpochs(), Math.min(options.maxEpochs(),
                trainTokens == 0 ? options.maxEpochs() : options.targetTokens() / trainTokens));
        long steps = (trainWindows + options.batchSize() - 1) / options.batchSize();
        long total = steps * epochs;
        long warmup = Math.min(total, Math.max(100, Math.min(1000, Math.round(total * 0.1))));
        return new DatasetManifest.EpochPlan(options.targetTokens(), trainTokens, epochs, steps, total, warmup,
                options.batchSize());
    }

    private static DatasetManifest.Shard writeTokens(Path file, IntBuffer stream, int from, int n, String dtype)
            throws IOException {
        int width = dtype.equals("uint16") ? 2 : 4;
        ByteBuffer buf = ByteBuffer.allocate(n * width).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + n; i++) {
            if (width == 2) {
                buf.putShort((short) stream.data[i]);
            } else {
                buf.putInt(stream.data[i]);
            }
        }
        return write(file, buf.array(), dtype, n);
    }

    private static DatasetManifest.Shard writeWindows(Path file, long[][] windows) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(windows.length * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] w : windows) {
            buf.putLong(w[0]).putLong(w[1]);
        }
        return write(file, buf.array(), "int64x2", windows.length);
    }

    private static DatasetManifest.Shard write(Path file, byte[] bytes, String dtype, long elements)
            throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            out.write(bytes);
        }
        return new DatasetManifest.Shard(file.getFileName().toString(), dtype, elements, bytes.length,
                HexFormat.of().formatHex(sha.digest()));
    }

    /** A growable int array: a job's whole token stream before it is split. */
    private static final class IntBuffer {
        int[] data = new int[1 << 16];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }
    }
}
