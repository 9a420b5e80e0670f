package io.gitlore.gateway.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says whether a host a request names leads inside: to a loopback, private (RFC 1918, IPv6 unique local),
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, wildcard or multicast address. The gateway
 * calls and lets stages call only hosts on an allowlist, and even those not inside unless listed for it.
 */
public final class NetworkAddresses {

    private NetworkAddresses() {
    }

    /** The host as a URI holds it, lower-cased, without the brackets of an IPv6 literal. */
    public static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10, carrier-grade NAT
                    || (b[0] & 0xff) == 0; // 0.0.0.0/8, "this network"
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, IPv6 unique local
    }

    /** The first internal address the host resolves to, if any; the host's name must resolve. */
    public static Optional<InetAddress> firstInternal(String host) throws UnknownHostException {
        List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
        return addresses.stream().filter(NetworkAddresses::isInternal).findFirst();
    }
}
