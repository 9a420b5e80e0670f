package io.gitlore.embedder.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.gitlore.contracts.runtime.DjlEnvironment;

/**
 * Embeds texts with an ONNX transformer through DJL's OnnxRuntime engine: tokenizes with the model's own
 * tokenizer.json (truncating at the model's limit and counting it), batches by token length, pools the last hidden
 * state the model's way and L2-normalises; produces one unit vector per text.
 */
public final class TextEmbedder implements AutoCloseable {

    /** Predictors in the pool: the consumer's batches and one search at a time run side by side. */
    private static final int PREDICTORS = 2;

    private final ModelSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    /** The same tokenizer without truncation or special tokens: real lengths and token offsets, for sizing. */
    private final HuggingFaceTokenizer measure;
    private final ZooModel<NDList, NDList> model;
    // DJL predictors are not thread-safe: the pool lends each to one thread at a time; two of them let a search query
    // run beside the consumer's document batch (ONNX Runtime's session itself runs concurrent calls). The pool also
    // keeps the model open while any call is inside it.
    private final PredictorPool predictors;
    private final List<String> inputNames;
    private final InferenceOptions options;
    private final Device device;
    private final int dimension;
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();

    private TextEmbedder(ModelSpec spec, HuggingFaceTokenizer tokenizer, HuggingFaceTokenizer measure,
                         ZooModel<NDList, NDList> model, InferenceOptions options, Device device) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.measure = measure;
        this.model = model;
        this.predictors = new PredictorPool(spec.id(), model, PREDICTORS);
        this.inputNames = model.getBlock().describeInput().keys();
        this.options = options;
        this.device = device;
        this.dimension = embedBatch(List.of(tokenizer.encode("dimension probe"))).get(0).length;
    }

    /** Loads the model files ({@link ModelFiles}) on the configured device; the dimension is read from the model. */
    public static TextEmbedder load(ModelSpec spec, Path dataDir, InferenceOptions options) {
        // Models come from jars or the user's disk; DJL must never try the network.
        DjlEnvironment.configure(dataDir);
        ModelFiles.Resolved files = ModelFiles.resolve(spec, dataDir);
        Device device = options.device().select();
        HuggingFaceTokenizer tokenizer = null;
        HuggingFaceTokenizer measure = null;
        try {
            measure = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizer())
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(spec.maxTokens())
                    .optPadding(false)
                    .build();
            Criteria.Builder<NDList, NDList> criteria = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(files.onnx())
                    .optEngine("OnnxRuntime")
                    .optDevice(device)
                    .optTranslator(new NoopTranslator());
            if (options.intraOpThreads() > 0) {
                criteria.optOption("intraOpNumThreads", Integer.toString(options.intraOpThreads()));
            }
            return new TextEmbedder(spec, tokenizer, measure, criteria.build().loadModel(), options, device);
        } catch (IOException e) {
            closeQuietly(tokenizer);
            closeQuietly(measure);
            throw new UncheckedIOException("loading embedding model " + spec.id() + " from " + files, e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            closeQuietly(tokenizer);
            closeQuietly(measure);
            throw new IllegalStateException("loading embedding model " + spec.id() + " from " + files + ": "
                    + e.getMessage(), e);
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public int dimension() {
        return dimension;
    }

    public Device device() {
        return device;
    }

    /** Texts cut at the model's token limit so far. */
    public long truncatedTexts() {
        return truncated.get();
    }

    public long embeddedTexts() {
        return texts.get();
    }

    public long embeddedTokens() {
        return tokens.get();
    }

    /** Vectors of passages (chunks): no instruction prefix. */
    public float[][] embedDocuments(List<String> passages) {
        if (passages.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = predictors.guard(() -> tokenizer.batchEncode(passages));
        float[][] out = new float[passages.size()][];
        // Sorting by length keeps padding low: each batch is padded only to its own longest text.
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (encodings[i].exceedMaxLength()) {
                truncated.incrementAndGet();
            }
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        int start = 0;
        while (start < order.length) {
            int end = start;
            int longest = 0;
            while (end < order.length && end - start < options.maxBatch()) {
                int len = encodings[order[end]].getIds().length;
                if (end > start && (long) Math.max(longest, len) * (end - start + 1) > options.batchTokens()) {
                    break;
                }
                longest = Math.max(longest, len);
                end++;
            }
            List<Encoding> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(encodings[order[i]]);
            }
            List<float[]> vectors = embedBatch(batch);
            for (int i = start; i < end; i++) {
                out[order[i]] = vectors.get(i - start);
            }
            start = end;
        }
        texts.addAndGet(passages.size());
        return out;
    }

    /** The vector of a search query, with the model's query instruction (bge's "Represent this sentence…"). */
    public float[] embedQuery(String query) {
        Encoding encoding = predictors.guard(() -> tokenizer.encode(spec.queryPrefix() + query));
        return embedBatch(List.of(encoding)).get(0);
    }

    private List<float[]> embedBatch(List<Encoding> batch) {
        return predictors.guard(() -> infer(batch));
    }

    private List<float[]> infer(List<Encoding> batch) {
        int rows = batch.size();
        int longest = 0;
        for (Encoding e : batch) {
            longest = Math.max(longest, e.getIds().length);
        }
        long[] ids = new long[rows * longest];
        long[] mask = new long[rows * longest];
        long[] types = new long[rows * longest];
        long[][] maskRows = new long[rows][];
        long tokenCount = 0;
        for (int r = 0; r < rows; r++) {
            Encoding e = batch.get(r);
            long[] rowIds = e.getIds();
            System.arraycopy(rowIds, 0, ids, r * longest, rowIds.length);
            System.arraycopy(e.getAttentionMask(), 0, mask, r * longest, rowIds.length);
            System.arraycopy(e.getTypeIds(), 0, types, r * longest, rowIds.length);
            maskRows[r] = e.getAttentionMask();
            tokenCount += rowIds.length;
        }
        Shape shape = new Shape(rows, longest);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList();
            for (String name : inputNames) {
                long[] data = switch (name) {
                    case "input_ids" -> ids;
                    case "attention_mask" -> mask;
                    case "token_type_ids" -> types;
                    default -> throw new IllegalStateException("embedding model " + spec.id()
                            + " wants an input named '" + name + "'; supported: input_ids, attention_mask, "
                            + "token_type_ids");
                };
                NDArray array = manager.create(data, shape);
                array.setName(name);
                inputs.add(array);
            }
            NDList outputs = predictors.predict(inputs);
            NDArray hidden = outputs.get(0);
            Shape out = hidden.getShape();
            if (out.dimension() != 3) {
                throw new IllegalStateException("embedding model " + spec.id() + " must output the last hidden "
                        + "state (batch × tokens × dim); its first output has shape " + out);
            }
            float[][] pooled = spec.pooling().pool(hidden.toFloatArray(), maskRows, (int) out.get(1),
                    (int) out.get(2));
            List<float[]> result = new ArrayList<>(rows);
            for (float[] v : pooled) {
                result.add(Pooling.normalize(v));
            }
            tokens.addAndGet(tokenCount);
            outputs.close();
            return result;
        }
    }

    /** Token count of a text under this model's tokenizer (with special tokens, before truncation). */
    public int countTokens(String text) {
        return predictors.guard(() -> measure.encode(text).getIds().length) + SPECIAL_TOKENS;
    }

    /**
     * Where each of the text's tokens starts (code point offsets; special tokens left out), with no length limit: what
     * cutting a text into parts that fit the model needs.
     */
    public int[] tokenStarts(String text) {
        return predictors.guard(() -> {
            CharSpan[] spans = measure.encode(text).getCharTokenSpans();
            int[] starts = new int[spans.length];
            int n = 0;
            for (CharSpan span : spans) {
                if (span != null) {
                    starts[n++] = span.getStart();
                }
            }
            return n == starts.length ? starts : Arrays.copyOf(starts, n);
        });
    }

    /** Tokens the model adds to every text ([CLS] and [SEP] for BERT models). */
    public static final int SPECIAL_TOKENS = 2;

    public Map<String, Object> describe() {
        return Map.of("model", spec.id(), "dimension", dimension, "pooling", spec.pooling().name(),
                "maxTokens", spec.maxTokens(), "device", device.toString());
    }

    @Override
    public void close() {
        predictors.close(() -> {
            tokenizer.close();
            measure.close();
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing with the real cause
            }
        }
    }
}
