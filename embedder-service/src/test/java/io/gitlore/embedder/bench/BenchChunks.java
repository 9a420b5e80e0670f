package io.gitlore.embedder.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.serde.Json;

/** Reads the chunks a chunking run wrote as JSON lines (bench/chunk.sh with -Dbench.chunks-out, or a local job). */
final class BenchChunks {

    private BenchChunks() {
    }

    static List<ChunkRecord> read(Path file) throws IOException {
        List<ChunkRecord> chunks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && Json.read(line.getBytes(StandardCharsets.UTF_8), ChunkStreamItem.class)
                        instanceof ChunkRecord c) {
                    chunks.add(c);
                }
            }
        }
        return chunks;
    }
}
