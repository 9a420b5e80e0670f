package io.gitlore.embedder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelFiles;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.Pooling;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.service.EmbeddingPipeline;
import io.gitlore.embedder.service.JobStats;
import io.gitlore.embedder.service.PipelineListener;
import io.gitlore.embedder.service.VectorCache;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.text.ChunkText;
import io.gitlore.embedder.testing.ChunkStreams;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import io.gitlore.embedder.config.EmbedderConfig;

/**
 * Chunks/s of the embedder's service path (EmbeddingPipeline: text building, length-bucketed batches through DJL's
 * OnnxRuntime engine, vector cache, Lucene upserts) against raw ONNX Runtime batch inference (HF tokenizer, batches
 * of 32, one OrtSession.run each) on the same texts, alternating, in one process. Raw runs twice: in input order
 * (the plain baseline) and sorted by length (the same padding saving the service makes), so the ratio shows both
 * what the service gains and what it costs.
 */
public final class EmbedBenchmark {

    public static void main(String[] args) throws Exception {
        Path chunksFile = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String model = System.getProperty("bench.model", ModelSpec.BGE_SMALL);
        Path data = Files.createTempDirectory("gitlore-embed-bench-");

        // Distinct, non-empty texts: the service would embed each once anyway.
        List<ChunkRecord> chunks = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ChunkRecord c : ChunkStreams.read(chunksFile)) {
            String code = c.code();
            if (code != null && !code.isBlank() && seen.add(text(c))) {
                chunks.add(c);
            }
        }
        // Spread the sample over the whole history, not only its first commits.
        List<ChunkRecord> sample = new ArrayList<>();
        for (int i = 0; i < count && !chunks.isEmpty(); i++) {
            sample.add(chunks.get((int) ((long) i * chunks.size() / Math.min(count, chunks.size()))));
            if (sample.size() == chunks.size()) {
                break;
            }
        }
        List<String> texts = sample.stream().map(EmbedBenchmark::text).toList();
        ModelSpec spec = ModelSpec.builtIn(model);
        ModelFiles.Resolved files = ModelFiles.resolve(spec, data);
        System.out.printf("model %s, %d texts sampled from %d distinct chunks in %s%n", spec.id(), texts.size(),
                chunks.size(), chunksFile);

        try (TextEmbedder embedder = TextEmbedder.load(spec, data, Mappings.defaults(InferenceOptions.class))) {
            long tokens = 0;
            for (String t : texts) {
                tokens += Math.min(embedder.countTokens(t), spec.maxTokens());
            }
            System.out.printf("%.0f tokens per text on average (after truncation at %d)%n",
                    (double) tokens / texts.size(), spec.maxTokens());
            float[][] rawVectors = null;
            for (int round = 1; round <= rounds; round++) {
                long t0 = System.nanoTime();
                rawVectors = raw(files, spec, texts);
                double raw = (System.nanoTime() - t0) / 1e9;
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    order.add(i);
                }
                order.sort(java.util.Comparator.comparingInt(i -> embedder.countTokens(texts.get(i))));
                List<String> sorted = order.stream().map(texts::get).toList();
                long ts = System.nanoTime();
                raw(files, spec, sorted);
                double rawSorted = (System.nanoTime() - ts) / 1e9;

                Path round_ = data.resolve("round" + round);
                long t1 = System.nanoTime();
                JobStats stats;
                try (LuceneVectorStore store = new LuceneVectorStore(round_.resolve("index"));
                     VectorCache cache = new VectorCache(round_.resolve("cache"), embedder.dimension())) {
                    EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store,
                            Retries.untilBack(1000, 5000), ref -> {
                                throw new IllegalStateException("bench chunks carry their code inline");
                            }, EmbeddingPipeline.Options.of(Mappings.defaults(EmbedderConfig.class)), new PipelineListener() { });
                    for (ChunkRecord c : sample) {
                        pipeline.add(c, () -> { });
                    }
                    stats = pipeline.finish(sample.get(0).jobId());
                }
                double service = (System.nanoTime() - t1) / 1e9;
                System.out.printf("round %d: raw ONNX Runtime %.1f s (%.1f chunks/s), raw sorted by length %.1f s "
                                + "(%.1f chunks/s) | service path %.1f s (%.1f chunks/s, %d points) | service/raw = "
                                + "%.2fx, service/raw-sorted = %.2fx%n", round, raw, texts.size() / raw, rawSorted,
                        texts.size() / rawSorted, service, texts.size() / service, stats.points(), raw / service,
                        rawSorted / service);
            }
            // Both paths must produce the same vectors, or the comparison means nothing.
            float[][] ours = embedder.embedDocuments(texts);
            double worst = 1;
            for (int i = 0; i < ours.length; i++) {
                worst = Math.min(worst, Pooling.cosine(ours[i], rawVectors[i]));
            }
            System.out.printf("lowest cosine between the two paths' vectors: %.6f%n", worst);
        }
        FileTrees.delete(data, true);
    }

    /** What the pipeline embeds for a chunk (a current unit's part is cut to fit the model there; not here). */
    private static String text(ChunkRecord c) {
        return c.snapshot() ? ChunkText.version(c, c.code()) : ChunkText.change(c, ChunkText.changeBody(c, c.code()));
    }

    /** Plain ONNX Runtime: tokenize a batch padded to its longest text, run the session, pool, normalise. */
    static float[][] raw(ModelFiles.Resolved files, ModelSpec spec, List<String> texts) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] out = new float[texts.size()][];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(files.onnx().toString(), options);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(files.tokenizer())
                     .optTruncation(true).optMaxLength(spec.maxTokens()).optPadding(true).build()) {
            int batch = 32;
            for (int from = 0; from < texts.size(); from += batch) {
                List<String> slice = texts.subList(from, Math.min(texts.size(), from + batch));
                Encoding[] enc = tokenizer.batchEncode(slice);
                long[][] ids = new long[enc.length][];
                long[][] mask = new long[enc.length][];
                long[][] types = new long[enc.length][];
                for (int i = 0; i < enc.length; i++) {
                    ids[i] = enc[i].getIds();
                    mask[i] = enc[i].getAttentionMask();
                    types[i] = enc[i].getTypeIds();
                }
                Map<String, OnnxTensor> inputs = new HashMap<>();
                try (OnnxTensor a = OnnxTensor.createTensor(env, ids);
                     OnnxTensor b = OnnxTensor.createTensor(env, mask);
                     OnnxTensor c = OnnxTensor.createTensor(env, types)) {
                    inputs.put("input_ids", a);
                    inputs.put("attention_mask", b);
                    if (session.getInputNames().contains("token_type_ids")) {
                        inputs.put("token_type_ids", c);
                    }
                    try (OrtSession.Result result = session.run(inputs)) {
                        float[][][] hidden = (float[][][]) result.get(0).getValue();
                        for (int i = 0; i < hidden.length; i++) {
                            float[] v;
                            if (spec.pooling() == Pooling.CLS) {
                                v = hidden[i][0].clone();
                            } else {
                                v = new float[hidden[i][0].length];
                                int n = 0;
                                for (int t = 0; t < hidden[i].length; t++) {
                                    if (mask[i][t] == 1) {
                                        n++;
                                        for (int d = 0; d < v.length; d++) {
                                            v[d] += hidden[i][t][d];
                                        }
                                    }
                                }
                                for (int d = 0; d < v.length; d++) {
                                    v[d] /= n;
                                }
                            }
                            out[from + i] = Pooling.normalize(v);
                        }
                    }
                }
            }
        }
        return out;
    }
}
