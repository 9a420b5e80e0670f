package io.gitlore.contracts.runtime;

import java.nio.file.Path;

/**
 * Takes a service's data directory and sets DJL's process-wide properties from it: offline always (DJL otherwise
 * makes telemetry and download connections), and the native cache under the data directory unless the operator chose
 * one with {@code DJL_CACHE_DIR}.
 */
public final class DjlEnvironment {

    private DjlEnvironment() {
    }

    /** Call before the first DJL class that reads these properties is used (model, tokenizer or engine). */
    public static synchronized void configure(Path dataDir) {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", dataDir.resolve("djl-cache").toAbsolutePath().toString());
        }
    }
}
