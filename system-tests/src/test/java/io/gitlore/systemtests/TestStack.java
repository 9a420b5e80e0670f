package io.gitlore.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.gitlore.local.stack.LocalStack;
import io.gitlore.local.stack.ServiceProcess;
import io.gitlore.local.stack.Services;
import io.gitlore.local.stack.StackSettings;

/**
 * The local stack as the system tests start it: consumes the built project (its path from
 * {@code gitlore.project.root}), a work directory made fresh for the run and the parts to start, produces a running
 * {@link LocalStack} on free ports with small budgets, its data under {@code <work>/data} and its repositories under
 * {@code <work>/repos}.
 */
final class TestStack {

    /** Small budgets, and MiniLM (half bge-small's layers): the system tests check behaviour, not quality. */
    static final Map<String, String> SMALL_BUDGETS = Map.ofEntries(
            Map.entry("GITLORE_CHUNKER_PROGRESS_EVERY", "10"),
            Map.entry("GITLORE_EMBEDDER_MODEL", "all-minilm-l6-v2"),
            Map.entry("GITLORE_EMBEDDER_UPSERT_BATCH", "32"),
            Map.entry("GITLORE_TOKENIZER_CONTEXT_LENGTH", "256"),
            Map.entry("GITLORE_TOKENIZER_TARGET_LENGTH", "64"),
            Map.entry("GITLORE_TOKENIZER_STRIDE", "64"),
            Map.entry("GITLORE_TRAINER_PRESET", "tiny"),
            Map.entry("GITLORE_TRAINER_LOG_EVERY", "1"),
            Map.entry("GITLORE_TRAINER_EVAL_EVERY", "10"),
            Map.entry("GITLORE_TRAINER_EVAL_TOKENS", "4096"),
            Map.entry("GITLORE_TRAINER_BATCH_SIZE", "4"),
            Map.entry("GITLORE_TRAINER_EFFECTIVE_BATCH", "4"));

    /** The gateway and the five stages: every service of the stack (the broker comes with any stack). */
    static final List<String> SERVICES = Stream.concat(Stream.of(Services.GATEWAY), Services.STAGES.stream())
            .toList();

    private TestStack() {
    }

    static Path project() {
        return Path.of(System.getProperty("gitlore.project.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * Empties {@code work} (a fresh broker, data and repositories each run) and links its DJL cache to the natives
     * directory ({@code gitlore.natives.dir}) that every system test shares: unpacking PyTorch's natives takes
     * minutes on 2 cores, so it happens once per build, not once per suite.
     */
    static Path freshWork(Path work) {
        Path natives = Path.of(System.getProperty("gitlore.natives.dir", "target/djl-cache")).toAbsolutePath();
        try {
            if (Files.exists(work)) {
                try (Stream<Path> paths = Files.walk(work)) { // a walk does not follow the link: natives stay
                    for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(natives);
            Files.createDirectories(work.resolve("data"));
            Files.createSymbolicLink(work.resolve("data").resolve("djl-cache"), natives);
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the broker and {@code services} (names from {@link Services}) from the built jars with
     * {@link #SMALL_BUDGETS} and then {@code env} in their environment, jobs allowed under {@code <work>/repos}, and
     * waits until every part is ready.
     */
    static LocalStack start(Path work, List<String> services, Map<String, String> env, String apiKey,
                            Consumer<String> say) {
        Map<String, String> all = new HashMap<>(SMALL_BUDGETS);
        all.putAll(env);
        StackSettings settings = new StackSettings(project(), work.resolve("data"),
                Path.of(System.getProperty("java.home"), "bin", "java"), freePorts(2), freePorts(6), apiKey,
                List.of(work.resolve("repos")), Duration.ofMinutes(30));
        LocalStack stack = LocalStack.launch(settings, services, all, say);
        try {
            stack.awaitAllReady();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Stops the stack: SIGTERM to every service at once (each takes seconds to leave its consumer groups, a minute
     * one after another), then the stack's own stop waits for them and stops the broker last.
     */
    static void stop(LocalStack stack, List<String> services) {
        for (String name : services) {
            ServiceProcess process = stack.process(name);
            if (process != null && process.isAlive()) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            }
        }
        stack.close();
    }

    /** The last lines of each part's log, for a failure's message. */
    static String logTails(LocalStack stack, List<String> parts) {
        StringBuilder out = new StringBuilder("the end of each log:");
        for (String part : parts) {
            out.append("\n--- ").append(part).append('\n').append(stack.process(part).tail(8));
        }
        return out.toString();
    }

    /**
     * A first port with {@code n - 1} free ports after it, below Linux's ephemeral range (32768 up): a port there that
     * is free now can be taken by any outgoing connection, the stack's own Kafka clients among them, before the
     * service that was meant to listen on it has started.
     */
    private static int freePorts(int n) {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(12_000);
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new UncheckedIOException(new IOException("no " + n + " consecutive free ports"));
    }
}
