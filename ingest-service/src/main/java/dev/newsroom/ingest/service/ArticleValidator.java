package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.Image;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.ParsedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What makes a readable file a valid article, beyond the types the reader already checked: the
 * required fields, number ranges and URL schemes. Every problem names its field and where it is.
 */
public final class ArticleValidator {

    public List<FieldProblem> validate(ParsedArticle parsed) {
        List<FieldProblem> problems = new ArrayList<>(parsed.problems());
        Article a = parsed.article();
        Checks checks = new Checks(parsed, problems);

        checks.required("title", a.title());
        checks.required("publishedDateTime", a.publishedDateTime());
        if (isBlank(a.webUrl()) && isBlank(a.originalUrl())) {
            problems.add(parsed.problem("webUrl", "is required (or originalUrl, for items without a web page)"));
        }
        checks.articleUrl("webUrl", a.webUrl());
        checks.articleUrl("originalUrl", a.originalUrl());
        checks.articleUrl("ampWebUrl", a.ampWebUrl());
        checks.articleUrl("cdnAmpWebUrl", a.cdnAmpWebUrl());
        checks.nonNegative("quality", a.quality(), false);
        checks.nonNegative("heat", a.heat(), true);
        if (a.provider() != null) {
            checks.images("provider.images", a.provider().images());
        }
        checks.images("images", a.images());
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
            if (r.provider() != null) {
                checks.images(path + ".provider.images", r.provider().images());
            }
            checks.images(path + ".images", r.images());
        }
        return problems;
    }

    private record Checks(ParsedArticle parsed, List<FieldProblem> problems) {

        void required(String field, Object value) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (!hasProblem(field)) {
                    problems.add(parsed.problem(field, "is required"));
                }
            }
        }

        /** Article addresses must be absolute http(s) URLs. */
        void articleUrl(String field, String url) {
            if (url == null) {
                return;
            }
            if (!CanonicalUrl.isHttpUrl(url)) {
                problems.add(parsed.problem(field, describeBadUrl(url, "an absolute http or https URL")));
            }
        }

        /** Image addresses may also be site-relative paths (the seed's provider logo is /assets/...). */
        void imageUrl(String field, String url) {
            if (url == null) {
                problems.add(parsed.problem(field, "is required"));
                return;
            }
            boolean sitePath = url.startsWith("/") && !url.startsWith("//") && !containsWhitespace(url);
            if (!sitePath && !CanonicalUrl.isHttpUrl(url)) {
                problems.add(parsed.problem(field, describeBadUrl(url, "an http(s) URL or a site-relative path")));
            }
        }

        void images(String path, List<Image> images) {
            for (int i = 0; i < images.size(); i++) {
                Image image = images.get(i);
                String item = path + "[" + i + "]";
                imageUrl(item + ".url", image.url());
                positive(item + ".width", image.width());
                positive(item + ".height", image.height());
            }
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

    private static String describeBadUrl(String url, String expected) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (!scheme.isEmpty() && scheme.matches("[a-z][a-z0-9+.-]*") && !scheme.equals("http") && !scheme.equals("https")) {
            return "must be " + expected + "; the scheme '" + scheme + ":' is not allowed";
        }
        return "must be " + expected + ", found '" + (url.length() > 80 ? url.substring(0, 77) + "..." : url) + "'";
    }

    private static boolean containsWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
