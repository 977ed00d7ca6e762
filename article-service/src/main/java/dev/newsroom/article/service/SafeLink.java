package dev.newsroom.article.service;

import dev.newsroom.model.WebLink;
import java.util.Optional;

/**
 * Which addresses from stored records may be rendered as links: in an {@code href} or {@code src} of the web
 * page, a feed's entry link, a JSON Feed {@code url} or {@code image}. Records on {@code articles.ranked} are
 * input like any other (ingest holds addresses to the same rule, {@link WebLink}, but not every producer is
 * ingest), so output checks again. The address is rendered as it is, escaped by the writer; nothing is repaired.
 * Anything else ({@code javascript:}, {@code data:}, {@code vbscript:}, relative or scheme-relative, malformed)
 * is not a link: callers render the text without it or leave the field out.
 */
public final class SafeLink {

    static final int MAX_LENGTH = WebLink.MAX_LENGTH;

    private SafeLink() {
    }

    /** {@code url} when it may be rendered as a link, else empty. */
    public static Optional<String> of(String url) {
        return Optional.ofNullable(orNull(url));
    }

    /** {@code url} when it may be rendered as a link, else null (for writers that leave null fields out). */
    public static String orNull(String url) {
        return isLink(url) ? url : null;
    }

    /** {@link WebLink#isLink}. */
    public static boolean isLink(String url) {
        return WebLink.isLink(url);
    }
}
