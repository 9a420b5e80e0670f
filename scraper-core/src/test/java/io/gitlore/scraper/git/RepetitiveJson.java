package io.gitlore.scraper.git;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Versions of a large, repetitive JSON file (a 2,165-tile map, 10,827 lines) where every line occurs more than 64
 * times, so git's histogram diff hands the whole file to its classic diff: the shape of vendored data on which
 * JGit's own fallback took seconds and counted other lines than git. Deterministic, for tests and benchmarks.
 */
public final class RepetitiveJson {

    private static final String[] TILES = {"grass", "water", "sand", "rock"};
    private static final int OBJECTS = 2165;

    private RepetitiveJson() {
    }

    /** The map after {@code edits} random value changes, tile insertions and deletions (seeded by {@code seed}). */
    public static byte[] version(long seed, int edits) {
        Random base = new Random(42);
        List<int[]> tiles = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            tiles.add(new int[] {base.nextInt(16), base.nextInt(16), base.nextInt(TILES.length)});
        }
        Random r = new Random(seed);
        for (int e = 0; e < edits; e++) {
            int i = r.nextInt(tiles.size());
            switch (r.nextInt(3)) {
                case 0 -> tiles.get(i)[r.nextInt(3)] = r.nextInt(TILES.length);
                case 1 -> tiles.remove(i);
                default -> tiles.add(i, new int[] {r.nextInt(16), r.nextInt(16), r.nextInt(TILES.length)});
            }
        }
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < tiles.size(); i++) {
            int[] t = tiles.get(i);
            json.append("  {\n    \"x\": ").append(t[0]).append(",\n    \"y\": ").append(t[1])
                    .append(",\n    \"tile\": \"").append(TILES[t[2]]).append("\"\n  }")
                    .append(i + 1 < tiles.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
