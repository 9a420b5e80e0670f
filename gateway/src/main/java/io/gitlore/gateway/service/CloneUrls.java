package io.gitlore.gateway.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a clone URL from a job request and gives it back trimmed, or refuses it with the reason: a scheme on
 * {@code gitlore.gateway.clone-schemes} ({@code file} never), a host on {@code clone-hosts}, no password in it, and
 * a host that does not resolve to an internal address. Git's scp-like form {@code [user@]host:path} is read as ssh,
 * as git reads it. The scraper applies its own allowlist again when it clones.
 */
public final class CloneUrls {

    private static final String FIELD = "repository";
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/:]+)@)?([^:/]+):(?!//)(.+)$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private final List<String> hosts;
    private final List<String> schemes;

    public CloneUrls(List<String> hosts, List<String> schemes) {
        this.hosts = hosts.stream().map(NetworkAddresses::normalise).toList();
        this.schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.equals("file")).toList();
    }

    /** A URL (scheme://…) or git's scp-like form ({@code git@host:path}), as opposed to a local path. */
    public static boolean isUrl(String repository) {
        String raw = repository.strip();
        return SCHEME.matcher(raw).matches() || !raw.startsWith("/") && !raw.startsWith(".")
                && SCP_LIKE.matcher(raw).matches();
    }

    public String check(String repository) {
        String url = repository.strip();
        String scheme;
        String host;
        Matcher scp = SCP_LIKE.matcher(url);
        if (!SCHEME.matcher(url).matches() && scp.matches()) {
            scheme = "ssh";
            host = scp.group(2);
        } else {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new RejectedRequestException(FIELD, "not a valid clone URL: " + e.getReason());
            }
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
                throw new RejectedRequestException(FIELD, "a clone URL must not carry a password");
            }
            host = uri.getHost();
            if (uri.getPath() == null || uri.getPath().isBlank() || uri.getPath().equals("/")) {
                throw new RejectedRequestException(FIELD, "the clone URL names no repository");
            }
        }
        if (!schemes.contains(scheme)) {
            throw new RejectedRequestException(FIELD, "clone URL scheme '" + scheme + "' is not allowed; allowed: "
                    + schemes + " (gitlore.gateway.clone-schemes)");
        }
        if (host == null || !hosts.contains(NetworkAddresses.normalise(host))) {
            throw new RejectedRequestException(FIELD, "clone URL host '" + host + "' is not allowed; allowed: "
                    + hosts + " (gitlore.gateway.clone-hosts)");
        }
        Optional<InetAddress> internal;
        try {
            internal = NetworkAddresses.firstInternal(NetworkAddresses.normalise(host));
        } catch (UnknownHostException e) {
            throw new RejectedRequestException(FIELD, "clone URL host '" + host + "' cannot be resolved");
        }
        if (internal.isPresent()) {
            throw new RejectedRequestException(FIELD, "clone URL host '" + host + "' resolves to the internal "
                    + "address " + internal.get().getHostAddress() + ", which is never cloned from");
        }
        return url;
    }
}
