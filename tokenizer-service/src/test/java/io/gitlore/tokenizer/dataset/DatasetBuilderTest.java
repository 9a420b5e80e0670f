package io.gitlore.tokenizer.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.Mappings;
import io.gitlore.testsupport.ChunkRecords;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import io.gitlore.tokenizer.config.TokenizerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DatasetBuilderTest {

    @TempDir
    static Path tmp;

    static CodeTokenizer tokenizer;

    static final DatasetOptions SMALL = new DatasetOptions(16, 4, 8, 0.6, 0.2, 1_000, 3, 10, 2, true);

    @BeforeAll
    static void load() {
        tokenizer = CodeTokenizer.gpt2(tmp.resolve("gpt2/tokenizer.json"));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** Function {@code f<index>} of commit {@code hash}, at history index {@code index}, made at {@code time}. */
    public static ChunkRecord chunk(long index, String hash, Instant time, String code, String duplicateOf,
                                    boolean snapshot) {
        return ChunkRecords.function(hash + index, code).commit(hash).commitIndex(index).unitType("function")
                .name("f" + index).qualifiedName("crate::f" + index).endLine(3).author("Ada").time(time)
                .subject("Add f" + index).tokens(10).contentHash("h").duplicateOf(duplicateOf).snapshot(snapshot)
                .build();
    }

    private static DatasetManifest built(DatasetBuilder.Result result) {
        return assertInstanceOf(DatasetBuilder.Built.class, result).manifest();
    }

    private static String hash(int i) {
        return String.format("%040x", i + 1);
    }

    @Test
    void commitsInTimeOrderSplitByTimeWithShardsMatchingTheManifest() throws Exception {
        DatasetBuilder builder = new DatasetBuilder(SMALL, tokenizer);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        // History order (index) and time order differ: commit index 9 is the oldest.
        for (int i = 0; i < 10; i++) {
            Instant time = i == 9 ? t0 : t0.plusSeconds(86_400L * (i + 1));
            builder.add(chunk(i, hash(i), time, "pub fn f" + i + "() -> u32 {\n    " + i + "\n}\n", null, false),
                    ref -> "");
        }
        builder.add(chunk(20, hash(20), t0, "dup", "x", false), ref -> "");
        builder.add(chunk(21, hash(21), t0, "now", null, true), ref -> "");
        Path dir = tmp.resolve("dataset");
        DatasetManifest m = built(builder.build("job", "repo", dir));

        assertEquals(10, m.commits());
        assertEquals(10, m.chunks());
        assertEquals(1, m.chunksSkippedAsDuplicates());
        assertEquals(1, m.chunksSkippedAsSnapshot());
        assertEquals("uint16", m.tokenDtype());
        assertEquals(50_263, m.vocabularySize());
        assertEquals(List.of("train", "validation", "test"), m.splits().stream().map(DatasetManifest.Split::name)
                .toList());
        assertEquals(m.tokens(), m.splits().stream().mapToLong(DatasetManifest.Split::tokens).sum());
        assertEquals(6, m.splits().get(0).commits(), "all commits have the same size: 60% of tokens = 6 commits");
        assertEquals(2, m.splits().get(1).commits());
        assertEquals(2, m.splits().get(2).commits());
        assertEquals(hash(9), m.splits().get(0).firstCommit(), "the oldest commit by time opens the train split");
        assertTrue(m.splits().get(0).lastTime().isBefore(m.splits().get(1).firstTime()));
        assertTrue(m.splits().get(1).lastTime().isBefore(m.splits().get(2).firstTime()));

        for (DatasetManifest.Split split : m.splits()) {
            for (DatasetManifest.Shard shard : split.shards().values()) {
                byte[] bytes = Files.readAllBytes(dir.resolve(shard.file()));
                assertEquals(shard.bytes(), bytes.length);
                assertEquals(shard.sha256(), BlobStore.sha256(bytes));
            }
            assertEquals(split.tokens() * 2, split.shards().get("tokens").bytes());
            assertEquals(split.windows(), split.shards().get("windows").elements());
        }
        ByteBuffer train = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("train.tokens.bin")))
                .order(ByteOrder.LITTLE_ENDIAN);
        long[] ids = new long[train.remaining() / 2];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Short.toUnsignedInt(train.getShort());
        }
        String text = tokenizer.decode(ids);
        assertTrue(text.startsWith("<|commit|>commit " + hash(9).substring(0, 7) + " · 2024-01 · Ada · Add f9\n"
                + "<|file|>src/lib.rs · NEW_FUNCTION · crate::f9\n<|code|>pub fn f9() -> u32 {"), text);
        assertTrue(text.endsWith("<|/code|><|/file|><|/commit|>"));
        assertFalse(text.contains("dup"));

        DatasetManifest reread = Json.MAPPER.readValue(dir.resolve("manifest.json").toFile(), DatasetManifest.class);
        assertEquals(m.tokens(), reread.tokens());
        assertTrue(Files.exists(dir.resolve("tokenizer.json")));
    }

    @Test
    void aChunkLongerThanTheContextSpansWindowsAndReplacedBytesAreCounted() throws Exception {
        DatasetBuilder builder = new DatasetBuilder(SMALL, tokenizer);
        String longCode = "let values = [" + "1, ".repeat(200) + "];\n";
        builder.add(chunk(1, hash(1), Instant.EPOCH, longCode, null, false), ref -> "");
        builder.add(chunk(2, hash(2), Instant.EPOCH.plusSeconds(1), "caf\uFFFD latin-1\n", null, false), ref -> "");
        DatasetManifest m = built(builder.build("job", "repo", tmp.resolve("long")));
        assertEquals(1, m.chunksWithReplacementCharacters());
        DatasetManifest.Split train = m.splits().get(0);
        assertTrue(train.tokens() > 400, "the long chunk is all there: " + train.tokens());
        assertTrue(train.windows() > 20, "and spans many 20-token windows: " + train.windows());
    }

    @Test
    void windowsHaveExactBoundaries() {
        DatasetBuilder builder = new DatasetBuilder(new DatasetOptions(16, 4, 8, 0.85, 0.1, 1, 1, 1, 1, true),
                tokenizer);
        assertArrayEquals(new long[][] {{0, 20}, {8, 20}, {16, 20}, {24, 20}, {30, 20}}, builder.windows(50));
        assertArrayEquals(new long[][] {{0, 20}, {8, 20}, {16, 20}}, builder.windows(36));
        assertArrayEquals(new long[][] {{0, 12}}, builder.windows(12), "a short stream is one masked window");
        assertEquals(0, builder.windows(0).length);
    }

    @Test
    void theEpochPlanFollowsTheFormula() {
        DatasetBuilder builder = new DatasetBuilder(Mappings.defaults(TokenizerConfig.class).toOptions(), tokenizer);
        DatasetManifest.EpochPlan small = builder.plan(1_000_000, 7_800);
        assertEquals(10, small.epochs(), "floor(20M / 1M) = 20, clamped to 10");
        assertEquals(975, small.stepsPerEpoch());
        assertEquals(9_750, small.totalSteps());
        assertEquals(975, small.warmupSteps(), "10% of the steps");
        DatasetManifest.EpochPlan large = builder.plan(15_000_000, 117_000);
        assertEquals(3, large.epochs(), "floor(20M / 15M) = 1, clamped to 3");
        assertEquals(1_000, large.warmupSteps(), "bounded to 1000");
        assertEquals(100, builder.plan(10_000_000, 2_000).warmupSteps(), "at least 100...");
        assertEquals(6, builder.plan(10_000_000, 10).warmupSteps(), "...but never more than the steps");
    }

    @Test
    void anEmptyJobIsNothingToTrainOnAndWritesNoShard() {
        DatasetBuilder builder = new DatasetBuilder(SMALL, tokenizer);
        builder.add(chunk(1, hash(1), Instant.EPOCH, "x", "dup", false), ref -> "");
        DatasetBuilder.Empty e = assertInstanceOf(DatasetBuilder.Empty.class,
                builder.build("job", "repo", tmp.resolve("empty")));
        assertTrue(e.reason().startsWith("nothing to train on"), e.reason());
        assertFalse(Files.exists(tmp.resolve("empty")));
    }
}
