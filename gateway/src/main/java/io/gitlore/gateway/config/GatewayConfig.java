package io.gitlore.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/** Every setting of the gateway (prefix {@code gitlore.gateway}); each is also an env var. */
@ConfigMapping(prefix = "gitlore.gateway")
public interface GatewayConfig {

    /** Root of the shared data directory; the job store lives in its {@code gateway/jobs} directory. */
    @WithDefault(".data")
    Path dataDir();

    /** The key every {@code /api/v1} request carries in the {@code X-API-Key} header (required unless insecure-dev). */
    Optional<String> apiKey();

    /** Local development only: start without an API key and let every request through. */
    @WithDefault("false")
    boolean insecureDev();

    /** Local repositories a job may read: its real path (symlinks resolved) must lie under one of these. */
    @WithDefault("${user.dir}")
    List<Path> allowedRoots();

    /** Hosts a job's clone URL may name (the scraper checks its own list again when it clones). */
    @WithDefault("github.com,gitlab.com,bitbucket.org,codeberg.org")
    List<String> cloneHosts();

    /** Schemes a clone URL may use: {@code https}, {@code ssh}, {@code git} or {@code http}; never {@code file}. */
    @WithDefault("https,ssh")
    List<@Pattern(regexp = "(?i)https|ssh|git|http", message = "must be one of https, ssh, git, http") String>
            cloneSchemes();

    /**
     * The stages whose completion completes a job, in pipeline order (the {@code stage} of their job events); a job
     * with {@code training} among them also waits for its training report.
     */
    @WithDefault("scrape,chunk,dataset,embed,training")
    @NotEmpty
    List<@Pattern(regexp = "scrape|chunk|dataset|embed|training",
            message = "must be one of scrape, chunk, dataset, embed, training") String> stages();

    /** How long a job submission waits for the broker to acknowledge its scrape request before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** How long readiness waits for a stage's own readiness ({@code /q/health/ready}) before calling it down. */
    @WithDefault("2s")
    Duration stageHealthTimeout();

    /**
     * Consumer groups whose lag (end offsets minus committed offsets, per topic) /q/metrics shows: the gateway's own
     * and the stages'.
     */
    @WithDefault("gitlore-gateway-events,gitlore-gateway-reports,gitlore-gateway-datasets,gitlore-gateway-commits,"
            + "gitlore-scraper,gitlore-chunker,gitlore-tokenizer,gitlore-embedder,gitlore-trainer,"
            + "gitlore-trainer-control")
    List<String> lagGroups();

    /** Where a job's {@code callbackUrl} may point, how it is signed and retried. */
    Callbacks callbacks();

    /** Settings of the calls the gateway makes when a job ends. */
    interface Callbacks {

        /**
         * Hosts a job's callbackUrl may name (host names or IP literals, exactly); none set refuses every callbackUrl.
         */
        Optional<List<String>> hosts();

        /**
         * Of those hosts, the ones allowed to resolve to an internal address (loopback, private, link-local), such as
         * n8n on the same compose network; any other host resolving to one is refused.
         */
        Optional<List<String>> internalHosts();

        /** Key of the HMAC-SHA256 signature sent in X-Gitlore-Signature-256 (required when hosts are set). */
        Optional<String> secret();

        /** Attempts after the first when the receiver does not answer 2xx. */
        @WithDefault("5")
        @Min(0)
        @Max(20)
        int maxRetries();

        /** Pause before the first retry; it doubles for each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest pause between two attempts. */
        @WithDefault("1m")
        Duration maxBackoff();

        /** How long one attempt may take, connecting included. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** How {@code POST /api/v1/context} packs its block and counts co-changes. */
    Context context();

    /** Settings of the history-aware context. */
    interface Context {

        /** Tokens (GPT-2's r50k_base) a context block may use when the request names no budget. */
        @WithDefault("2000")
        @Min(64)
        int defaultBudget();

        /** The largest budget a request may ask for. */
        @WithDefault("16000")
        @Min(64)
        int maxBudget();

        /** Commits that changed more files than this are not counted for co-change (reformats, vendored imports). */
        @WithDefault("30")
        @Min(2)
        @Max(1000)
        int coChangeMaxFiles();

        /** The latest commits kept per file, and shown at most per hit. */
        @WithDefault("5")
        @Min(1)
        @Max(50)
        int history();
    }

    /** A callback signed with nothing would let anyone forge a job's end: refuse to start. */
    @AssertTrue(message = "gitlore.gateway.callbacks.secret (GITLORE_GATEWAY_CALLBACKS_SECRET) must be set when "
            + "gitlore.gateway.callbacks.hosts allows callbacks")
    default boolean isCallbackSecretSetWhenCallbacksAreAllowed() {
        return callbacks().hosts().map(List::isEmpty).orElse(true)
                || callbacks().secret().filter(secret -> !secret.isBlank()).isPresent();
    }

    /** Without a key every caller could start jobs on this machine's repositories: refuse to start. */
    @AssertTrue(message = "gitlore.gateway.api-key (GITLORE_GATEWAY_API_KEY) must be set, or "
            + "gitlore.gateway.insecure-dev=true for local development only")
    default boolean isKeySetOrInsecureDev() {
        return insecureDev() || apiKey().filter(key -> !key.isBlank()).isPresent();
    }
}
