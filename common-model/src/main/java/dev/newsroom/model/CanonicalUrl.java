package dev.newsroom.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one address under which an article is known, so that the same article reached through a tracking
 * link, its AMP page or Google's AMP cache is one article.
 *
 * <p>Rules, in order: scheme and host lower-cased; an AMP-cache address
 * ({@code <x>.cdn.ampproject.org/c/s/<host>/<path>}) unwrapped to the page it caches; default ports,
 * user info and the fragment dropped; tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid},
 * {@code mc_cid}, ...) removed; AMP variants mapped to the canonical page where the mapping can be
 * derived from the address alone ({@code amp.} host prefix to {@code www.}, {@code /amp/},
 * {@code /google-amp/} and {@code /.amp/} path segments, {@code .amp.html} and a final {@code .amp}, {@code amp=1},
 * {@code outputType=amp}, any parameter whose value is {@code amp} or {@code ampart}); a trailing slash
 * dropped from a non-root path. Everything else, including the order of the remaining parameters, is kept.
 */
public final class CanonicalUrl {

    private static final Pattern URL = Pattern.compile(
            "^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?$", Pattern.DOTALL);
    private static final Pattern AMP_CACHE_PATH = Pattern.compile("^/[cv]/(s/)?(.+)$", Pattern.DOTALL);

    private static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
            "ocid", "cmpid", "cmp", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "wt.mc_id",
            "ito", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "sr_share",
            "smid", "smtyp", "ref_src", "ref_url", "spm", "at_medium", "at_campaign");
    private static final Set<String> AMP_PARAMETER_VALUES = Set.of("amp", "ampart");
    private static final Set<String> AMP_PATH_SEGMENTS = Set.of("amp", "google-amp", ".amp");

    private CanonicalUrl() {
    }

    /** The canonical form of an absolute http(s) URL, or empty when {@code url} is not one. */
    public static Optional<String> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = hostOf(m.group(2), scheme);
        if (host.isEmpty() || !isPlausibleHost(host)) {
            return Optional.empty();
        }
        String path = m.group(3).isEmpty() ? "/" : m.group(3);
        String query = m.group(4);

        if (host.endsWith(".cdn.ampproject.org")) {
            Matcher cache = AMP_CACHE_PATH.matcher(path);
            if (cache.matches()) {
                String inner = (cache.group(1) != null ? "https://" : "http://") + cache.group(2)
                        + (query == null ? "" : "?" + query);
                return of(inner);
            }
        }
        if (host.startsWith("amp.")) {
            host = "www." + host.substring(4);
        }
        path = canonicalPath(path);
        String canonicalQuery = canonicalQuery(query);
        return Optional.of(scheme + "://" + host + path + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    }

    private static String hostOf(String authority, String scheme) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (hostPort.endsWith(".")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon > hostPort.lastIndexOf(']')) {
            String port = hostPort.substring(colon + 1);
            String host = hostPort.substring(0, colon);
            boolean defaultPort = port.isEmpty() || (scheme.equals("http") && port.equals("80"))
                    || (scheme.equals("https") && port.equals("443"));
            return defaultPort ? host : host + ":" + port;
        }
        return hostPort;
    }

    /** Letters, digits, dots, dashes, underscores, an IPv6 literal's brackets and colons, or IDN letters; never whitespace. */
    private static boolean isPlausibleHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ascii = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'
                    || c == ':' || c == '[' || c == ']';
            if (!ascii && (c < 0x80 || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
                return false;
            }
        }
        return true;
    }

    private static String canonicalPath(String path) {
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (!AMP_PATH_SEGMENTS.contains(segment.toLowerCase(Locale.ROOT))) {
                kept.add(segment);
            }
        }
        String result = String.join("/", kept);
        if (result.endsWith(".amp.html")) {
            result = result.substring(0, result.length() - ".amp.html".length()) + ".html";
        } else if (result.endsWith(".amp")) {
            result = result.substring(0, result.length() - ".amp".length());
        }
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result.isEmpty() ? "/" : result;
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : parameter.substring(eq + 1).toLowerCase(Locale.ROOT);
            boolean tracking = name.startsWith("utm_") || TRACKING_PARAMETERS.contains(name);
            boolean amp = name.equals("amp") || AMP_PARAMETER_VALUES.contains(value);
            if (!tracking && !amp) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(parameter);
            }
        }
        return out.toString();
    }
}
