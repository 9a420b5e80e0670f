package io.gitlore.tokenizer.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.testsupport.Mappings;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.gitlore.tokenizer.dataset.DatasetBuilder;
import io.gitlore.tokenizer.dataset.DatasetBuilderTest;

/**
 * Tokens/s of the dataset path (chunks in, shards and manifest out) against raw
 * {@code HuggingFaceTokenizer.batchEncode} of the same texts with the same tokenizer.json, in one process.
 * Input: every source file of a directory tree, one chunk each.
 */
public final class TokenizeBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> texts = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(rs|java|py|go|ts|js|c|h|cpp|md|toml|yml|yaml)$"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")).toList()) {
                if (Files.size(p) < 1_000_000) {
                    texts.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        }
        Path work = Files.createTempDirectory("gitlore-tokenize-bench-");
        DatasetOptions options = Mappings.defaults(TokenizerConfig.class).toOptions();
        try (CodeTokenizer tokenizer = CodeTokenizer.gpt2(work.resolve("tokenizer.json"));
             HuggingFaceTokenizer raw = HuggingFaceTokenizer.builder().optTokenizerPath(work.resolve("tokenizer.json"))
                     .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
            System.out.printf("input: %d files from %s%n", texts.size(), root);
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                long rawTokens = 0;
                for (int i = 0; i < texts.size(); i += 64) {
                    for (Encoding e : raw.batchEncode(texts.subList(i, Math.min(texts.size(), i + 64)))) {
                        rawTokens += e.getIds().length;
                    }
                }
                double rawSeconds = (System.nanoTime() - t0) / 1e9;

                long t1 = System.nanoTime();
                DatasetBuilder builder = new DatasetBuilder(options, tokenizer);
                Instant time = Instant.parse("2024-01-01T00:00:00Z");
                for (int i = 0; i < texts.size(); i++) {
                    ChunkRecord chunk = DatasetBuilderTest.chunk(i, String.format("%040x", i + 1),
                            time.plusSeconds(i), texts.get(i), null, false);
                    builder.add(chunk, ref -> "");
                }
                DatasetManifest manifest = ((DatasetBuilder.Built) builder.build("bench", "bench",
                        work.resolve("dataset-" + round))).manifest();
                double ourSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf("round %d: raw batchEncode %d tokens in %.2f s (%.0f tokens/s) | dataset path %d "
                                + "tokens in %.2f s (%.0f tokens/s, shards + manifest written) | ratio %.2fx%n", round,
                        rawTokens, rawSeconds, rawTokens / rawSeconds, manifest.tokens(), ourSeconds,
                        manifest.tokens() / ourSeconds, (manifest.tokens() / ourSeconds) / (rawTokens / rawSeconds));
            }
        }
    }
}
