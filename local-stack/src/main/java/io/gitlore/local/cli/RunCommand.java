package io.gitlore.local.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.local.client.GatewayClient;
import io.gitlore.local.client.ProgressBoard;
import io.gitlore.local.client.SearchProbe;
import io.gitlore.local.client.Timeline;
import io.gitlore.local.stack.LocalStack;
import io.gitlore.local.stack.Services;
import io.gitlore.local.stack.StackException;
import io.gitlore.local.stack.StackSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The README's main command: consumes a repository path, starts the stack, submits the job through the gateway,
 * draws per-stage progress from its event stream, and produces the job's manifest file and a summary of where the
 * index, dataset, model and report are, with one sample search.
 */
@Command(name = "run", description = "Run one repository through every stage via the gateway.")
final class RunCommand implements Callable<Integer> {

    private static final List<String> STAGES = List.of("scrape", "chunk", "dataset", "embed", "training");

    @Mixin
    StackOptions options;

    @Parameters(index = "0", description = "The git repository to read (a local path).")
    Path repository;

    @Option(names = "--keep-running", description = "Leave the stack running afterwards (stop: deploy/local/stop.sh).")
    boolean keepRunning = "1".equals(System.getenv("GITLORE_KEEP_RUNNING"));

    @Option(names = "--timeout", description = "How long the job may take, ISO-8601 (default: PT2H).")
    Duration timeout = Duration.ofHours(2);

    @Option(names = "--query", description = "The sample search to show at the end (and, with --timeline, the"
            + " one polled until search first answers).")
    String query = "where is the configuration read";

    @Option(names = "--timeline", description = "Measure the run: per-stage start, end, throughput and overlap, the"
            + " time until search first answers, the whole against the slowest stage (bench/pipeline.sh).")
    boolean timeline;

    @Override
    public Integer call() throws Exception {
        Path repo = repository.toAbsolutePath().normalize();
        requireRepository(repo); // at once: the stack takes half a minute to start, and would then refuse it
        // The gateway holds jobs to the allowed roots; the repository's own directory is the only one here.
        StackSettings settings = options.settings(List.of(repo));
        requireBuilt(settings);
        LocalStack stack = LocalStack.launch(settings, System.out::println);
        Thread stopper = new Thread(stack::close);
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return runJob(stack, repo);
        } finally {
            // The hook is for an interrupted command (Ctrl-C); kept, it would stop a stack asked to keep running.
            Runtime.getRuntime().removeShutdownHook(stopper);
            if (!keepRunning) {
                stack.close();
            } else {
                System.out.println("the stack keeps running: " + settings.gatewayUrl() + " (API key in "
                        + StackOptions.keyFile(settings.dataDir()) + "); stop it with deploy/local/stop.sh");
            }
        }
    }

    private int runJob(LocalStack stack, Path repo) throws Exception {
        StackSettings settings = stack.settings();
        stack.awaitReady(Services.GATEWAY);
        GatewayClient gateway = new GatewayClient(settings.gatewayUrl(), settings.apiKey());
        Instant submitted = Instant.now();
        String jobId = gateway.submit(repo.toString()); // the gateway's own checks: allowed roots, symlinks, refs
        System.out.println("job " + jobId + " accepted for " + repo);
        stack.awaitAllReady();

        ProgressBoard board = new ProgressBoard(System.out, System.console() != null, STAGES);
        Timeline measured = new Timeline(submitted, STAGES);
        SearchProbe probe = timeline ? SearchProbe.start(gateway, String.valueOf(gateway.job(jobId)
                .get("repositoryId")), query, measured) : null;
        Map<String, JobEvent> finished = new LinkedHashMap<>();
        CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> gateway.follow(jobId, event -> {
            board.accept(event);
            measured.accept(event);
            if (event.type() == JobEventType.COMPLETED || event.type() == JobEventType.FAILED) {
                finished.put(event.stage(), event);
            }
        }));
        try {
            following.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            following.cancel(true);
            throw new StackException("the job did not finish within " + timeout + "; logs: " + settings.logs());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StackException s ? s : new StackException(e.getCause().toString(), e);
        } finally {
            if (probe != null) {
                probe.close();
            }
        }

        Map<String, Object> job = gateway.job(jobId);
        Path manifestFile = settings.dataDir().resolve("jobs").resolve(jobId).resolve("MANIFEST.json");
        Map<String, Object> manifest = gateway.manifest(jobId);
        if (!Files.isRegularFile(manifestFile)) {
            writeManifest(manifest, manifestFile); // the gateway writes it when it shares this data directory
        }
        printSummary(job, finished, manifestFile);
        if (timeline) {
            Path timelineFile = manifestFile.resolveSibling("timeline.json");
            Files.write(timelineFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    measured.summary()));
            System.out.print(measured.render());
            System.out.println("timeline: " + timelineFile);
        }
        boolean completed = "COMPLETED".equals(String.valueOf(job.get("status")));
        if (completed) {
            sampleSearch(gateway, String.valueOf(job.get("repositoryId")));
        }
        return completed ? 0 : 1;
    }

    private void printSummary(Map<String, Object> job, Map<String, JobEvent> finished, Path manifestFile) {
        System.out.println("job " + job.get("jobId") + ": " + job.get("status")
                + (job.get("failure") != null ? " (" + job.get("failure") + ")" : ""));
        finished.values().forEach(e -> System.out.printf("  %-9s %s%s%n", e.stage(), e.message(),
                e.details().isEmpty() ? "" : " " + e.details()));
        System.out.println("manifest: " + manifestFile);
    }

    private void sampleSearch(GatewayClient gateway, String repositoryId) {
        Map<String, Object> answer = gateway.search(repositoryId, query, 3);
        System.out.println("sample search \"" + query + "\":");
        Object hits = answer.get("hits");
        if (hits instanceof List<?> list) {
            for (Object hit : list) {
                if (hit instanceof Map<?, ?> h) {
                    Object metadata = h.get("metadata");
                    Map<?, ?> m = metadata instanceof Map<?, ?> mm ? mm : Map.of();
                    System.out.printf("  %.3f  %s  %s%n", ((Number) h.get("score")).doubleValue(), m.get("path"),
                            m.get("name") != null ? m.get("name") : "");
                }
            }
        }
    }

    private static void writeManifest(Map<String, Object> manifest, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    }

    /** A directory holding a git repository (a work tree's {@code .git}, or a bare one); the gateway checks more. */
    static void requireRepository(Path repo) {
        if (!Files.isDirectory(repo)) {
            throw new StackException(repo + (Files.exists(repo) ? " is not a directory" : " does not exist")
                    + ": give the path of a git repository");
        }
        boolean workTree = Files.exists(repo.resolve(".git"));
        boolean bare = Files.isRegularFile(repo.resolve("HEAD")) && Files.isDirectory(repo.resolve("objects"));
        if (!workTree && !bare) {
            throw new StackException(repo + " is not a git repository (no .git in it): clone one, or git init");
        }
    }

    static void requireBuilt(StackSettings settings) {
        List<Path> missing = Services.missingJars(settings.projectRoot());
        if (!missing.isEmpty()) {
            throw new StackException("not built yet: " + missing + "; run ./mvnw install -DskipTests first"
                    + " (deploy/local/run.sh does)");
        }
    }
}
