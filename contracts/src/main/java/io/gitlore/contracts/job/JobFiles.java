package io.gitlore.contracts.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files a job keeps in the shared data directory ({@code <data>/jobs/<job-id>/<name>}), written whole (temp
 * file + atomic rename) so a stage on another replica never reads half of one.
 */
final class JobFiles {

    private JobFiles() {
    }

    static Path file(Path dataDir, String jobId, String name) {
        return dataDir.resolve("jobs").resolve(JobIds.require(jobId)).resolve(name);
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
