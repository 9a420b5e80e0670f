package io.gitlore.trainer.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.model.Tensor;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header of name → dtype,
 * shape and byte offsets, then the raw little-endian data): F32 written, F32/F16/BF16 read as float32.
 */
public final class Safetensors {

    private Safetensors() {
    }

    /** Writes atomically: a temporary file beside the target, then a rename. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = Json.MAPPER.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        Map<String, Tensor> sorted = new TreeMap<>(tensors);
        for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().data().length;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.MAPPER.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // the format aligns the data on 8 bytes with trailing spaces
        byte[] head = new byte[padded];
        java.util.Arrays.fill(head, (byte) ' ');
        System.arraycopy(json, 0, head, 0, json.length);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(head);
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : sorted.values()) {
                for (float f : t.data()) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(f);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every tensor of the file, by name, in file order; a truncated or malformed file fails naming the file. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > ch.size()) {
                throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer headBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headBuf, 8, file);
            JsonNode header = Json.MAPPER.readTree(new String(headBuf.array(), StandardCharsets.UTF_8).trim());
            Map<String, Tensor> out = new LinkedHashMap<>();
            long base = 8 + headerLength;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                long[] shape = new long[t.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = t.path("shape").get(i).asLong();
                    count *= shape[i];
                }
                long start = t.path("data_offsets").get(0).asLong();
                long end = t.path("data_offsets").get(1).asLong();
                String dtype = t.path("dtype").asText();
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    default -> throw new IOException(file + ": tensor " + e.getKey() + " has dtype " + dtype
                            + "; only F32, F16 and BF16 are read");
                };
                if (end - start != count * width || base + end > ch.size()) {
                    throw new IOException(file + ": tensor " + e.getKey() + " has inconsistent offsets or is truncated");
                }
                ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, base + start, end - start)
                        .order(ByteOrder.LITTLE_ENDIAN);
                float[] values = new float[Math.toIntExact(count)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (dtype) {
                        case "F32" -> data.getFloat();
                        case "F16" -> halfToFloat(data.getShort());
                        default -> Float.intBitsToFloat((data.getShort() & 0xffff) << 16);
                    };
                }
                out.put(e.getKey(), new Tensor(shape, values));
            }
            return out;
        }
    }

    /** The {@code __metadata__} strings of a file's header. */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            ByteBuffer headBuf = ByteBuffer.allocate((int) lenBuf.flip().getLong());
            readFully(ch, headBuf, 8, file);
            JsonNode meta = Json.MAPPER.readTree(new String(headBuf.array(), StandardCharsets.UTF_8).trim())
                    .path("__metadata__");
            Map<String, String> out = new LinkedHashMap<>();
            meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new IOException(file + " is truncated");
            }
        }
    }

    /** IEEE 754 half → float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            return Float.intBitsToFloat(sign) + (sign == 0 ? 1 : -1) * mant * 0x1p-24f;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
