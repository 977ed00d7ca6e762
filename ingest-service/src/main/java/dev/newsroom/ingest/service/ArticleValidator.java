package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.WebLink;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.ParsedArticle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What makes a readable file a valid article, beyond the types the reader already checked: the
 * required fields, number ranges, URL schemes (http(s) in every URL field) and the bounds of
 * {@link ArticleLimits} on how many topics, images and related entries an article has and how long each
 * text is, and how far past {@code clock} its publication may lie. Every problem names its field and where it is.
 */
public final class ArticleValidator {

    private final ArticleLimits limits;
    private final Clock clock;

    public ArticleValidator(ArticleLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public List<FieldProblem> validate(ParsedArticle parsed) {
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        Article a = parsed.article();
        Checks checks = new Checks(parsed, problems, limits);

        checks.required("title", a.title());
        checks.required("publishedDateTime", a.publishedDateTime());
        checks.notFarAhead("publishedDateTime", a.publishedDateTime(), clock.instant());
        if (isBlank(a.webUrl()) && isBlank(a.originalUrl())) {
            problems.add(parsed.problem("webUrl", "is required (or originalUrl, for items without a web page)"));
        }
        checks.articleUrl("webUrl", a.webUrl());
        checks.articleUrl("originalUrl", a.originalUrl());
        checks.articleUrl("ampWebUrl", a.ampWebUrl());
        checks.articleUrl("cdnAmpWebUrl", a.cdnAmpWebUrl());
        checks.nonNegative("quality", a.quality(), false);
        checks.nonNegative("heat", a.heat(), true);
        checks.length("title", a.title(), limits.maxTitleChars(), "max-title-chars");
        checks.length("excerpt", a.excerpt(), limits.maxExcerptChars(), "max-excerpt-chars");
        checks.length("featuredContent", a.featuredContent(), limits.maxExcerptChars(), "max-excerpt-chars");
        checks.length("category", a.category(), limits.maxNameChars(), "max-name-chars");
        checks.length("type", a.type(), limits.maxNameChars(), "max-name-chars");
        checks.provider("provider", a.provider());
        if (checks.count("topics", a.topics().size(), limits.maxTopics(), "topics", "max-topics")) {
            for (int i = 0; i < a.topics().size(); i++) {
                checks.length("topics[" + i + "]", a.topics().get(i), limits.maxTopicChars(), "max-topic-chars");
            }
        }
        checks.images("images", a.images());
        if (!checks.count("related", a.related().size(), limits.maxRelated(), "related entries", "max-related")) {
            return problems;
        }
        for (int i = 0; i < a.related().size(); i++) {
            RelatedArticle r = a.related().get(i);
            String path = "related[" + i + "]";
            checks.required(path + ".title", r.title());
            if (isBlank(r.webUrl()) && isBlank(r.originalUrl())) {
                problems.add(parsed.problem(path + ".webUrl", "is required (or originalUrl)"));
            }
            checks.articleUrl(path + ".webUrl", r.webUrl());
            checks.articleUrl(path + ".originalUrl", r.originalUrl());
            checks.articleUrl(path + ".ampWebUrl", r.ampWebUrl());
            checks.articleUrl(path + ".cdnAmpWebUrl", r.cdnAmpWebUrl());
            checks.nonNegative(path + ".quality", r.quality(), false);
            checks.length(path + ".title", r.title(), limits.maxTitleChars(), "max-title-chars");
            checks.length(path + ".excerpt", r.excerpt(), limits.maxExcerptChars(), "max-excerpt-chars");
            checks.length(path + ".type", r.type(), limits.maxNameChars(), "max-name-chars");
            checks.provider(path + ".provider", r.provider());
            checks.images(path + ".images", r.images());
        }
        return problems;
    }

    private record Checks(ParsedArticle parsed, List<FieldProblem> problems, ArticleLimits limits) {

        void required(String field, Object value) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (!hasProblem(field)) {
                    problems.add(parsed.problem(field, "is required"));
                }
            }
        }

        /**
         * An article dated ahead keeps its full recency until its date, so it would top heat and trending for as
         * long: a date more than {@link ArticleLimits#maxPublishedAhead} past the clock is refused.
         */
        void notFarAhead(String field, Instant published, Instant now) {
            Duration ahead = limits.maxPublishedAhead();
            // a Duration, not now.plus(ahead): a bound of a million years must not overflow an Instant
            if (published != null && Duration.between(now, published).compareTo(ahead) > 0) {
                problems.add(parsed.problem(field, "is " + published + ", more than " + describe(ahead)
                        + " after ingest's clock (" + now + "; max-published-ahead): an article dated ahead would"
                        + " top heat and trending until its date"));
            }
        }

        /** Article addresses must be absolute http(s) URLs. */
        void articleUrl(String field, String url) {
            if (url == null || !length(field, url, limits.maxUrlChars(), "max-url-chars")) {
                return;
            }
            if (!isLink(url)) {
                problems.add(parsed.problem(field, describeBadUrl(url, "an absolute http or https URL")));
            }
        }

        /** Image addresses may also be site-relative paths (the seed's provider logo is /assets/...). */
        void imageUrl(String field, String url) {
            if (url == null) {
                problems.add(parsed.problem(field, "is required"));
                return;
            }
            if (!length(field, url, limits.maxUrlChars(), "max-url-chars")) {
                return;
            }
            boolean sitePath = url.startsWith("/") && !url.startsWith("//") && !containsWhitespace(url);
            if (!sitePath && !isLink(url)) {
                problems.add(parsed.problem(field, describeBadUrl(url, "an http(s) URL or a site-relative path")));
            }
        }

        void images(String path, List<Image> images) {
            if (!count(path, images.size(), limits.maxImages(), "images", "max-images")) {
                return;
            }
            for (int i = 0; i < images.size(); i++) {
                Image image = images.get(i);
                String item = path + "[" + i + "]";
                imageUrl(item + ".url", image.url());
                length(item + ".title", image.title(), limits.maxTitleChars(), "max-title-chars");
                positive(item + ".width", image.width());
                positive(item + ".height", image.height());
            }
        }

        void provider(String path, Provider provider) {
            if (provider == null) {
                return;
            }
            length(path + ".name", provider.name(), limits.maxNameChars(), "max-name-chars");
            length(path + ".domain", provider.domain(), limits.maxNameChars(), "max-name-chars");
            images(path + ".images", provider.images());
        }

        /** False (and a problem) when a list holds more than {@code max} items; its items are then not checked one by one. */
        boolean count(String field, int size, int max, String what, String key) {
            if (size <= max) {
                return true;
            }
            problems.add(parsed.problem(field, "has " + size + " " + what + "; at most " + max
                    + " are allowed (newsroom.ingest.article." + key + ")"));
            return false;
        }

        /** False (and a problem) when a text is longer than {@code max} characters. */
        boolean length(String field, String value, int max, String key) {
            if (value == null || value.length() <= max) {
                return true;
            }
            problems.add(parsed.problem(field, "is " + value.length() + " characters long; at most " + max
                    + " are allowed (newsroom.ingest.article." + key + ")"));
            return false;
        }

        void positive(String field, Integer value) {
            if (value != null && value <= 0) {
                problems.add(parsed.problem(field, "must be a positive integer, found " + value));
            }
        }

        /** {@code -1} is the source's own marker for "no heat" (real files carry it) and is kept as such. */
        void nonNegative(String field, Integer value, boolean minusOneMeansNone) {
            if (value != null && value < 0 && !(minusOneMeansNone && value == -1)) {
                problems.add(parsed.problem(field, "must be an integer of 0 or more, found " + value));
            }
        }

        private boolean hasProblem(String field) {
            return problems.stream().anyMatch(p -> field.equals(p.field()));
        }
    }

    /**
     * An address the pages and feeds can link ({@link WebLink}, the rule article-service renders by), with a
     * plausible host: accepting one they cannot would store an article whose address is never shown as a link.
     */
    private static boolean isLink(String url) {
        return CanonicalUrl.isHttpUrl(url) && WebLink.isLink(url);
    }

    private static String describeBadUrl(String url, String expected) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (!scheme.isEmpty() && scheme.matches("[a-z][a-z0-9+.-]*") && !scheme.equals("http") && !scheme.equals("https")) {
            return "must be " + expected + "; the scheme '" + scheme + ":' is not allowed";
        }
        String found = ", found '" + (url.length() > 80 ? url.substring(0, 77) + "..." : url) + "'";
        if (WebLink.hasUnprintable(url)) {
            return "must be " + expected + " without spaces, control or invisible characters (write a space as %20)" + found;
        }
        if (WebLink.hasUserInfo(url)) {
            return "must be " + expected + " without a user name or password before the host (RFC 9110, 4.2.4: they hide the "
                    + "real host, and a link publishes them)" + found;
        }
        if (CanonicalUrl.isHttpUrl(url)) { // a host, but not a URL a browser is given as it is
            return "must be " + expected + " as RFC 3986 writes it (escape characters such as <, >, \" and a lone % as %XX)" + found;
        }
        return "must be " + expected + found;
    }

    private static boolean containsWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "1 day", "2 hours", "90 minutes": the bound as the message's reader would write it (else ISO-8601). */
    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes == 0 || !duration.equals(Duration.ofMinutes(minutes))) {
            return duration.toString();
        }
        if (minutes % (24 * 60) == 0) {
            return plural(minutes / (24 * 60), "day");
        }
        return minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
