package dev.newsroom.model;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Which addresses can be links: in an {@code href} or {@code src} of the web page, a feed's entry link, a JSON
 * Feed {@code url} or {@code image}. ingest-service holds every article and image address to it, so that an
 * accepted address is one the pages and feeds link; article-service checks again what it renders, since not every
 * producer of its records is ingest.
 *
 * <p>A link is an absolute {@code http} or {@code https} URL with a host, that {@link URI} parses, at most
 * {@value #MAX_LENGTH} characters, with no whitespace, control or format character anywhere (browsers drop
 * or skip some of those, so {@code " javascript:"} and {@code "java\tscript:"} would become scripts), and with no
 * user name or password before the host: RFC 9110 (4.2.4) tells a recipient to treat them as an error, since
 * they serve to hide the real host ({@code https://www.nytimes.com@evil.example/} leads to {@code evil.example}),
 * and a password in a link is published to every reader. Nothing is repaired: a space is written {@code %20}.
 */
public final class WebLink {

    public static final int MAX_LENGTH = 4096;

    private WebLink() {
    }

    public static boolean isLink(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH || !hasHttpScheme(url) || !printable(url)
                || hasUserInfo(url)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (uri.isOpaque() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            return false;
        }
        return uri.getHost() != null || isInternationalHost(uri.getRawAuthority());
    }

    /**
     * Whether {@code url} holds a character no link may: whitespace, a control or format (zero-width, bidi)
     * character, a separator, a lone surrogate.
     */
    public static boolean hasUnprintable(String url) {
        return !printable(url);
    }

    /**
     * Whether {@code url}'s authority (between {@code //} and the path, query or fragment) holds a user name or
     * password: the one rule {@link #isLink} refuses them by, for ASCII and international hosts alike, and that
     * ingest names in its answer.
     */
    public static boolean hasUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return false;
        }
        for (int i = start + 2; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '@') {
                return true;
            }
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                return false;
            }
        }
        return false;
    }

    /** Starts with {@code http://} or {@code https://}, ASCII case-insensitively. */
    private static boolean hasHttpScheme(String url) {
        return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);
    }

    /** No whitespace, control, format (zero-width, bidi) or separator character, and no lone surrogate. */
    private static boolean printable(String url) {
        return url.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> !Character.isWhitespace(c);
        });
    }

    /** {@link URI} leaves non-ASCII hosts (bücher.de) without a host: accept them when their ASCII form is a host. */
    private static boolean isInternationalHost(String authority) {
        if (authority == null || authority.isEmpty()) {
            return false;
        }
        try {
            return new URI("http://" + IDN.toASCII(authority) + "/").getHost() != null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
