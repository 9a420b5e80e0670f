package io.gitlore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes directory trees for tests, benchmarks and the embedded broker. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes everything under {@code dir}, and {@code dir} itself unless {@code keepRoot}. */
    public static void delete(Path dir, boolean keepRoot) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !(keepRoot && p.equals(dir)))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
