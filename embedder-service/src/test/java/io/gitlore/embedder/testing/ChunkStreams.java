package io.gitlore.embedder.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.serde.Json;

/** Reads chunk streams written as JSON lines (bench/ChunkDump.java, or a local job's chunks.jsonl); skips end markers. */
public final class ChunkStreams {

    private ChunkStreams() {
    }

    public static List<ChunkRecord> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ChunkRecord> resource(String name) {
        try (InputStream in = ChunkStreams.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ChunkRecord> read(InputStream stream) throws IOException {
        List<ChunkRecord> chunks = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank() && Json.read(line.getBytes(StandardCharsets.UTF_8), ChunkStreamItem.class)
                    instanceof ChunkRecord c) {
                chunks.add(c);
            }
        }
        return chunks;
    }
}
