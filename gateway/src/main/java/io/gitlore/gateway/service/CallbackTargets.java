package io.gitlore.gateway.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import io.gitlore.gateway.config.GatewayConfig;

/**
 * Takes a job's {@code callbackUrl} and gives it back as a URI, or refuses it with the reason: http or https only,
 * no credentials, a host on {@code gitlore.gateway.callbacks.hosts}, and not resolving to an internal address unless
 * the host is also on {@code internal-hosts}. Checked when the job is submitted and again before each delivery (a
 * name can be made to resolve elsewhere in between).
 */
public final class CallbackTargets {

    private static final String FIELD = "callbackUrl";

    private final List<String> hosts;
    private final List<String> internalHosts;

    public CallbackTargets(GatewayConfig.Callbacks config) {
        this.hosts = config.hosts().orElse(List.of()).stream().map(NetworkAddresses::normalise).toList();
        this.internalHosts = config.internalHosts().orElse(List.of()).stream().map(NetworkAddresses::normalise)
                .toList();
    }

    public URI check(String callbackUrl) {
        if (hosts.isEmpty()) {
            throw new RejectedRequestException(FIELD, "callbacks are not enabled on this gateway "
                    + "(gitlore.gateway.callbacks.hosts is empty)");
        }
        URI uri;
        try {
            uri = new URI(callbackUrl.strip());
        } catch (URISyntaxException e) {
            throw new RejectedRequestException(FIELD, "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RejectedRequestException(FIELD, "must be an http or https URL, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RejectedRequestException(FIELD, "must not carry credentials");
        }
        if (uri.getHost() == null) {
            throw new RejectedRequestException(FIELD, "names no host");
        }
        String host = NetworkAddresses.normalise(uri.getHost());
        if (!hosts.contains(host)) {
            throw new RejectedRequestException(FIELD, "host '" + host + "' is not allowed; allowed: " + hosts
                    + " (gitlore.gateway.callbacks.hosts)");
        }
        Optional<InetAddress> internal;
        try {
            internal = NetworkAddresses.firstInternal(host);
        } catch (UnknownHostException e) {
            throw new RejectedRequestException(FIELD, "host '" + host + "' cannot be resolved");
        }
        if (internal.isPresent() && !internalHosts.contains(host)) {
            throw new RejectedRequestException(FIELD, "host '" + host + "' resolves to the internal address "
                    + internal.get().getHostAddress() + "; list it in gitlore.gateway.callbacks.internal-hosts to "
                    + "allow that");
        }
        return uri;
    }
}
