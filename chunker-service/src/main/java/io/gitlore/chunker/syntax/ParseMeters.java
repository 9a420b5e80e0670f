package io.gitlore.chunker.syntax;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The parsers' meters on one registry, shared by every parser thread: file versions parsed, by mode and reason
 * ({@value #PARSES}), and the thread CPU time spent in full parses, incremental re-parses and unit extraction
 * ({@value #PARSE_CPU}). Full parses with reason {@code previous-tree-evicted} or {@code complexity} are the ones a
 * larger tree cache would avoid.
 */
public final class ParseMeters {

    /** Counter, tags {@code mode} (full, incremental) and {@code reason}. */
    public static final String PARSES = "gitlore.chunker.parses";
    /** Timer of thread CPU time, tag {@code phase} (full, incremental, extract). */
    public static final String PARSE_CPU = "gitlore.chunker.parse.cpu";

    private final Counter incremental;
    private final Counter fullFirstVersion;
    private final Counter fullPreviousTreeEvicted;
    private final Counter fullForComplexity;
    private final Timer fullCpu;
    private final Timer incrementalCpu;
    private final Timer extractCpu;

    public ParseMeters(MeterRegistry registry) {
        this.incremental = parses(registry, "incremental", "edited");
        this.fullFirstVersion = parses(registry, "full", "no-previous-version");
        this.fullPreviousTreeEvicted = parses(registry, "full", "previous-tree-evicted");
        this.fullForComplexity = parses(registry, "full", "complexity");
        this.fullCpu = cpu(registry, "full");
        this.incrementalCpu = cpu(registry, "incremental");
        this.extractCpu = cpu(registry, "extract");
    }

    private static Counter parses(MeterRegistry registry, String mode, String reason) {
        return Counter.builder(PARSES).description("File versions parsed by tree-sitter")
                .tag("mode", mode).tag("reason", reason).register(registry);
    }

    private static Timer cpu(MeterRegistry registry, String phase) {
        return Timer.builder(PARSE_CPU).description("Thread CPU time spent parsing and extracting units")
                .tag("phase", phase).register(registry);
    }

    /** A version parsed from scratch; {@code previousVersion}: one was named, but its tree had left the cache. */
    void fullParse(boolean previousVersion, long cpuNanos) {
        (previousVersion ? fullPreviousTreeEvicted : fullFirstVersion).increment();
        fullCpu.record(cpuNanos, TimeUnit.NANOSECONDS);
    }

    void incrementalParse(long cpuNanos) {
        incremental.increment();
        incrementalCpu.record(cpuNanos, TimeUnit.NANOSECONDS);
    }

    /** A version parsed again to count a unit's complexity (its tree had left the cache); not timed. */
    void complexityParse() {
        fullForComplexity.increment();
    }

    void extraction(long cpuNanos) {
        extractCpu.record(cpuNanos, TimeUnit.NANOSECONDS);
    }
}
