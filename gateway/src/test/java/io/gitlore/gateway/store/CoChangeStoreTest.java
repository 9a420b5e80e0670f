package io.gitlore.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Co-change counts: pairs per commit, merges and wide commits left out, each commit once, kept over a restart. */
class CoChangeStoreTest {

    @TempDir
    Path dir;

    private static CommitLine commit(String hash, int day, String... files) {
        return new CommitLine(hash, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * day), "Bo",
                "change " + hash, List.of(files));
    }

    @Test
    void filesChangedTogetherAreCountedAndAFilesHistoryKept() {
        CoChangeStore store = new CoChangeStore(dir, 3, 2);
        assertTrue(store.add("r-1", commit("a", 1, "lib.rs", "test.rs"), false));
        assertTrue(store.add("r-1", commit("b", 2, "lib.rs", "main.rs"), false));
        assertTrue(store.add("r-1", commit("c", 3, "lib.rs", "test.rs"), false));
        assertFalse(store.add("r-1", commit("c", 3, "lib.rs", "test.rs"), false), "counted once");
        assertFalse(store.add("r-1", commit("m", 4, "lib.rs", "README"), true), "merges are not counted");
        assertFalse(store.add("r-1", commit("w", 5, "lib.rs", "a", "b", "c"), false), "wider than 3 files");
        assertTrue(store.add("r-2", commit("z", 1, "lib.rs", "other.rs"), false));

        assertEquals(List.of(new CoChangeStore.CoChange("test.rs", 2, 2 / 3.0),
                new CoChangeStore.CoChange("main.rs", 1, 1 / 3.0)), store.coChanged("r-1", "lib.rs", 5));
        assertEquals(1, store.coChanged("r-1", "lib.rs", 1).size());
        CoChangeStore.FileHistory history = store.history("r-1", "lib.rs").orElseThrow();
        assertEquals("a", history.first().hash());
        assertEquals(List.of("c", "b"), history.latest().stream().map(CommitLine::hash).toList());
        assertEquals(3, history.commits());
        assertTrue(store.coChanged("r-1", "nothing.rs", 5).isEmpty());

        CoChangeStore restarted = new CoChangeStore(dir, 3, 2);
        assertEquals(store.coChanged("r-1", "lib.rs", 5), restarted.coChanged("r-1", "lib.rs", 5));
        assertEquals(3, restarted.commits("r-1"));
        assertFalse(restarted.add("r-1", commit("a", 1, "lib.rs", "test.rs"), false));
    }
}
