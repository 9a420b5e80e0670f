package io.gitlore.scraper.config;

import java.nio.file.Path;
import java.util.List;

import io.gitlore.scraper.git.ScrapeOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import jakarta.validation.constraints.Positive;

/**
 * Every setting of the scraper-service (prefix {@code gitlore.scraper}), each also an env var, checked at start;
 * docs/configuration.md is generated from it.
 */
@ConfigMapping(prefix = "gitlore.scraper")
public interface ScraperConfig {

    /** Root of the shared data directory (blobs, per-repository state, clones). */
    @WithDefault(".data")
    Path dataDir();

    /** Local repositories are accepted only under these directories (comma-separated; default: the working one). */
    @WithDefault("${user.dir}")
    List<Path> allowedRoots();

    /** Hosts a clone URL may name. */
    @WithDefault("github.com,gitlab.com,bitbucket.org,codeberg.org")
    List<String> allowedHosts();

    /** Schemes a clone URL may use ({@code file} is never accepted). */
    @WithDefault("https,ssh")
    List<String> allowedSchemes();

    /** How each commit is read and diffed (its properties sit directly under the prefix). */
    @WithParentName
    ScrapeOptions scrape();

    /** Also send the files at the default branch's head (or the request's snapshot ref) for chunking. */
    @WithDefault("true")
    boolean snapshot();

    /** Commit records sent but not yet acknowledged by Kafka, at most. */
    @WithDefault("512")
    @Positive
    int maxInFlight();
}
