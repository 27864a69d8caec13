package io.landlord.webhook;

import io.landlord.common.config.LandlordConfig;
import io.landlord.common.error.ApiException;
import io.landlord.common.error.ErrorDetail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may send: http(s) URLs whose host resolves only to public addresses (unless
 * {@code landlord.webhooks.allow-private-targets}). Checked when a webhook is created or changed, and again before
 * every attempt, since a name may resolve elsewhere by then (DNS rebinding); the attempt then connects to the
 * address that was checked.
 */
@ApplicationScoped
public class WebhookTargets {

    static final int MAX_URL = 2000;

    /** A target that may not be reached; a failed attempt of kind REFUSED_TARGET or DNS, not a crash. */
    static final class RefusedTarget extends Exception {
        final String kind;

        RefusedTarget(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private final boolean allowPrivate;
    private final Vertx vertx;

    public WebhookTargets(LandlordConfig config, Vertx vertx) {
        this.allowPrivate = config.webhooks().allowPrivateTargets();
        this.vertx = vertx;
    }

    /** The URL's problem, or null: http or https, a host, no user info or fragment, at most 2000 characters. */
    static String syntaxProblem(String url) {
        if (url == null || url.isBlank()) {
            return "Required: an http or https URL";
        }
        if (url.length() > MAX_URL) {
            return "Must be at most " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "Must be a valid http or https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "Must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "Must name a host";
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "Must not contain user info or a fragment";
        }
        return null;
    }

    /** For creation and changes: a 400 naming {@code param} unless every address of the URL's host may be reached. */
    public Uni<Void> requireAllowed(String param, String url) {
        if (allowPrivate) {
            return Uni.createFrom().voidItem();
        }
        return resolve(URI.create(url).getHost()).onFailure(RefusedTarget.class).transform(
                e -> ApiException.validation(ErrorDetail.body(param, url, e.getMessage()))).replaceWithVoid();
    }

    /**
     * For an attempt: the address to connect to, checked now; null when private targets are allowed (the HTTP
     * client then resolves the name itself). Fails with {@link RefusedTarget}.
     */
    Uni<InetAddress> addressFor(URI url) {
        if (allowPrivate) {
            return Uni.createFrom().nullItem();
        }
        return resolve(url.getHost());
    }

    /**
     * Resolves with the JDK resolver (it follows /etc/hosts and the system's DNS settings, as operators expect),
     * which blocks: it runs on a worker thread, never on the event loop, and the result comes back on the
     * caller's Vert.x context.
     */
    private Uni<InetAddress> resolve(String host) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new RefusedTargetFailure(new RefusedTarget("DNS", "The host does not resolve"));
            }
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTargetFailure(new RefusedTarget("REFUSED_TARGET",
                            "The host resolves to a loopback, link-local, private or otherwise non-public address ("
                                    + address.getHostAddress() + ")"));
                }
            }
            return addresses[0];
        }), false).onFailure(RefusedTargetFailure.class).transform(e -> ((RefusedTargetFailure) e).refusal);
    }

    /** Carries a checked {@link RefusedTarget} out of the supplier. */
    private static final class RefusedTargetFailure extends RuntimeException {
        final RefusedTarget refusal;

        RefusedTargetFailure(RefusedTarget refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * False for loopback, unspecified, link-local, private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10),
     * CGNAT (100.64/10), multicast, 0/8, 192.0.0/24, benchmarking (198.18/15) and reserved (240/4) addresses, and
     * for IPv6 addresses embedding such an IPv4 address (IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16).
     */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0
                    || (first == 100 && second >= 64 && second <= 127)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240);
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false;
            }
            byte[] embedded = null;
            if (v6.isIPv4CompatibleAddress()) {
                embedded = new byte[] { b[12], b[13], b[14], b[15] };
            } else if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
                embedded = new byte[] { b[12], b[13], b[14], b[15] };
            } else if (b[0] == 0x20 && b[1] == 0x02) {
                embedded = new byte[] { b[2], b[3], b[4], b[5] };
            }
            if (embedded != null) {
                try {
                    return isPublic(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
