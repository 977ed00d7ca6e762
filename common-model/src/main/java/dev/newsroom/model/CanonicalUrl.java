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
        String u = url.strip();
        String scheme = scheme(u);
        if (scheme == null) {
            return Optional.empty();
        }
        int authorityStart = scheme.length() + 3;
        int authorityEnd = endOfAuthority(u, authorityStart);
        String host = hostOf(u.substring(authorityStart, authorityEnd), scheme);
        if (host.isEmpty() || !isPlausibleHost(host)) {
            return Optional.empty();
        }
        int pathEnd = authorityEnd;
        while (pathEnd < u.length() && u.charAt(pathEnd) != '?' && u.charAt(pathEnd) != '#') {
            pathEnd++;
        }
        String path = pathEnd == authorityEnd ? "/" : u.substring(authorityEnd, pathEnd);
        String query = null;
        if (pathEnd < u.length() && u.charAt(pathEnd) == '?') {
            int hash = u.indexOf('#', pathEnd + 1);
            query = u.substring(pathEnd + 1, hash < 0 ? u.length() : hash);
        }

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

    /** True when {@link #of} would give a canonical form: an absolute http(s) URL with a host. Cheaper. */
    public static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        String u = url.strip();
        String scheme = scheme(u);
        if (scheme == null) {
            return false;
        }
        int authorityStart = scheme.length() + 3;
        String host = hostOf(u.substring(authorityStart, endOfAuthority(u, authorityStart)), scheme);
        return !host.isEmpty() && isPlausibleHost(host);
    }

    /** "http" or "https" (lower-cased) when {@code u} starts with one and "://", else null. */
    private static String scheme(String u) {
        int colon = u.indexOf("://");
        if (colon != 4 && colon != 5) {
            return null;
        }
        String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? scheme : null;
    }

    private static int endOfAuthority(String u, int from) {
        int i = from;
        while (i < u.length()) {
            char c = u.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            i++;
        }
        return i;
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
        if (!containsAmp(path)) {
            int end = path.length();
            while (end > 1 && path.charAt(end - 1) == '/') {
                end--;
            }
            return path.substring(0, end);
        }
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

    private static boolean containsAmp(String path) {
        for (int i = 0, n = path.length() - 2; i < n; i++) {
            if ((path.charAt(i) | 0x20) == 'a' && (path.charAt(i + 1) | 0x20) == 'm' && (path.charAt(i + 2) | 0x20) == 'p') {
                return true;
            }
        }
        return false;
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
