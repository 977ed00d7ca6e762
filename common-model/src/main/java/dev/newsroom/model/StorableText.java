package dev.newsroom.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Drops the characters that PostgreSQL text and XML 1.0 cannot hold, from every text of an article.
 *
 * <p>PostgreSQL refuses NUL in text ({@code invalid byte sequence for encoding "UTF8": 0x00}), and XML 1.0
 * (the RSS and Atom feeds) allows no C0 control but tab, line feed and carriage return, nor U+FFFE and
 * U+FFFF; an unpaired surrogate is not text at all (it has no UTF-8 encoding). Such a character in a
 * stored article would stall every consumer downstream, so ingest removes it at the door, from every
 * string: the body, titles, URLs, topics, names, {@code secured}, unknown keys and their values.
 * Removing (rather than refusing the file) keeps the article, and nothing of its meaning depends on them.
 *
 * <p>C1 controls (U+0080–U+009F) and DEL are storable in both, so they are left here; display text loses
 * them in ingest's text repair. Tab, line feed and carriage return stay.
 *
 * <p>Most text holds none of these, so each string is scanned once and returned as it is (no copy), and
 * an article with nothing to drop is returned as the same instance. Pure and thread-safe.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Whether {@code c} (a UTF-16 unit; surrogates are judged by {@link #strip}) can be stored as is. */
    static boolean isStorableChar(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code s} without unstorable characters; the same instance when it has none. */
    public static String strip(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && isKept(s, i)) {
            i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1;
        }
        if (i >= n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            int width = Character.isHighSurrogate(s.charAt(i)) && isKept(s, i) ? 2 : 1;
            if (isKept(s, i)) {
                out.append(s, i, i + width);
            }
            i += width;
        }
        return out.toString();
    }

    /** A character to keep: storable, and a surrogate only as half of a pair. */
    private static boolean isKept(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false; // a low surrogate reached here has no high one before it
        }
        return isStorableChar(c);
    }

    /** The article with unstorable characters dropped from every string; the same instance when it has none. */
    public static Article strip(Article a) {
        Article stripped = a.toBuilder()
                .category(strip(a.category()))
                .title(strip(a.title()))
                .excerpt(strip(a.excerpt()))
                .originalUrl(strip(a.originalUrl()))
                .webUrl(strip(a.webUrl()))
                .ampWebUrl(strip(a.ampWebUrl()))
                .cdnAmpWebUrl(strip(a.cdnAmpWebUrl()))
                .type(strip(a.type()))
                .featuredContent(strip(a.featuredContent()))
                .provider(provider(a.provider()))
                .topics(a.topics().stream().map(StorableText::strip).toList())
                .images(images(a.images()))
                .related(a.related().stream().map(StorableText::related).toList())
                .secured(strip(a.secured()))
                .extra(extra(a.extra()))
                .body(strip(a.body()))
                .build();
        return stripped.equals(a) ? a : stripped;
    }

    private static Provider provider(Provider p) {
        return p == null ? null : new Provider(strip(p.name()), strip(p.domain()), images(p.images()), extra(p.extra()));
    }

    private static List<Image> images(List<Image> images) {
        return images.stream().map(i -> new Image(strip(i.url()), i.width(), i.height(), strip(i.title()),
                i.isCached(), extra(i.extra()))).toList();
    }

    private static RelatedArticle related(RelatedArticle r) {
        return new RelatedArticle(strip(r.title()), strip(r.excerpt()), r.publishedDateTime(), strip(r.originalUrl()),
                strip(r.webUrl()), strip(r.ampWebUrl()), strip(r.cdnAmpWebUrl()), strip(r.type()), provider(r.provider()),
                r.quality(), images(r.images()), extra(r.extra()));
    }

    /** Unknown keys keep their file order; their names and every string inside their values are stripped. */
    private static Map<String, Object> extra(Map<String, Object> extra) {
        if (extra.isEmpty()) {
            return extra;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(strip(k), value(v)));
        return out;
    }

    private static Object value(Object v) {
        if (v instanceof String s) {
            return strip(s);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, item) -> out.put(strip(Objects.toString(k)), value(item)));
            return out;
        }
        return v;
    }
}
