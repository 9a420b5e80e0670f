package io.gitlore.local.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.gitlore.local.stack.StackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path that is not a repository is refused before anything starts, with what is wrong with it. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPathThatIsNotARepositoryIsRefusedBeforeTheStackStarts() throws IOException {
        StackException missing = assertThrows(StackException.class,
                () -> RunCommand.requireRepository(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().endsWith("nowhere does not exist: give the path of a git repository"),
                missing.getMessage());
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertTrue(assertThrows(StackException.class, () -> RunCommand.requireRepository(file)).getMessage()
                .contains("is not a directory"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertTrue(assertThrows(StackException.class, () -> RunCommand.requireRepository(plain)).getMessage()
                .contains("is not a git repository (no .git in it)"));
    }

    @Test
    void aWorkTreeAndABareRepositoryAreTaken() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path bare = Files.createDirectories(dir.resolve("bare.git"));
        assertTrue(new ProcessBuilder("git", "init", "-q", work.toString()).start().waitFor() == 0);
        assertTrue(new ProcessBuilder("git", "init", "-q", "--bare", bare.toString()).start().waitFor() == 0);
        assertDoesNotThrow(() -> RunCommand.requireRepository(work));
        assertDoesNotThrow(() -> RunCommand.requireRepository(bare));
    }
}
