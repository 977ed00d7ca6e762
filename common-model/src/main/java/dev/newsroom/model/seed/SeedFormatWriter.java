package dev.newsroom.model.seed;

import dev.newsroom.model.Article;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes an article in the seed format, in the layout the format's own files use: keys in the seed's
 * order, one blank line between sections, text fields (title, excerpt, URLs, {@code secured}) in double
 * quotes, names (category, type, provider, topics) plain where YAML allows. A file written by the
 * writer reads back to equal data; a file that already had this layout comes out byte for byte.
 */
public final class SeedFormatWriter {

    public String write(Article article) {
        return new Out().article(article);
    }

    /** One file being written; list items get their dash from the first line written inside them. */
    private static final class Out {
        private final StringBuilder out = new StringBuilder(4096);
        private int pendingDash = -1;
        private boolean anySection;
        private int sectionStart;

        String article(Article a) {
            out.append("---\n");

            section();
            plain(0, "category", a.category());
            quoted(0, "title", a.title());
            quoted(0, "excerpt", a.excerpt());
            instant(0, "publishedDateTime", a.publishedDateTime());
            quoted(0, "originalUrl", a.originalUrl());
            quoted(0, "webUrl", a.webUrl());
            quoted(0, "ampWebUrl", a.ampWebUrl());
            quoted(0, "cdnAmpWebUrl", a.cdnAmpWebUrl());
            plain(0, "type", a.type());
            number(0, "quality", a.quality());
            number(0, "heat", a.heat());
            bool(0, "published", a.published());
            endSection();

            section();
            quoted(0, "featuredContent", a.featuredContent());
            endSection();

            section();
            if (a.provider() != null) {
                key(0, "provider");
                provider(2, a.provider());
            }
            endSection();

            section();
            if (!a.topics().isEmpty()) {
                key(0, "topics");
                for (String topic : a.topics()) {
                    indent(2).append("- ");
                    appendPlainOrQuoted(topic);
                    out.append('\n');
                }
            }
            endSection();

            section();
            if (!a.images().isEmpty()) {
                key(0, "images");
                images(2, a.images());
            }
            endSection();

            section();
            if (!a.related().isEmpty()) {
                key(0, "related");
                for (RelatedArticle r : a.related()) {
                    related(2, r);
                }
            }
            endSection();

            section();
            extra(0, a.extra());
            endSection();

            section();
            quoted(0, "secured", a.secured());
            endSection();

            return out.append("---\n").append(a.body()).toString();
        }

        // ---------------------------------------------------------------- sections

        private void section() {
            sectionStart = out.length();
            if (anySection) {
                out.append('\n');
            }
        }

        private void endSection() {
            int separator = anySection ? 1 : 0;
            if (out.length() == sectionStart + separator) {
                out.setLength(sectionStart);
            } else {
                anySection = true;
            }
        }

        // ---------------------------------------------------------------- structure

        private void provider(int indent, Provider p) {
            plain(indent, "name", p.name());
            plain(indent, "domain", p.domain());
            if (!p.images().isEmpty()) {
                key(indent, "images");
                images(indent + 2, p.images());
            }
            extra(indent, p.extra());
        }

        private void images(int indent, List<Image> images) {
            for (Image image : images) {
                startItem(indent);
                quoted(indent + 2, "url", image.url());
                number(indent + 2, "width", image.width());
                number(indent + 2, "height", image.height());
                quoted(indent + 2, "title", image.title());
                bool(indent + 2, "isCached", image.isCached());
                extra(indent + 2, image.extra());
                endItem();
            }
        }

        private void related(int indent, RelatedArticle r) {
            int inner = indent + 2;
            startItem(indent);
            quoted(inner, "title", r.title());
            quoted(inner, "excerpt", r.excerpt());
            instant(inner, "publishedDateTime", r.publishedDateTime());
            quoted(inner, "originalUrl", r.originalUrl());
            quoted(inner, "webUrl", r.webUrl());
            quoted(inner, "ampWebUrl", r.ampWebUrl());
            quoted(inner, "cdnAmpWebUrl", r.cdnAmpWebUrl());
            plain(inner, "type", r.type());
            if (r.provider() != null) {
                key(inner, "provider");
                provider(inner + 2, r.provider());
            }
            number(inner, "quality", r.quality());
            if (!r.images().isEmpty()) {
                key(inner, "images");
                images(inner + 2, r.images());
            }
            extra(inner, r.extra());
            endItem();
        }

        private void extra(int indent, Map<String, Object> extra) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                entry(indent, e.getKey(), e.getValue());
            }
        }

        /** Plain data under a key ({@code name != null}) or as a list item ({@code name == null}). */
        private void entry(int indent, String name, Object value) {
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                if (name == null) {
                    startItem(indent);
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        entry(indent + 2, String.valueOf(e.getKey()), e.getValue());
                    }
                    endItem();
                } else {
                    key(indent, name);
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        entry(indent + 2, String.valueOf(e.getKey()), e.getValue());
                    }
                }
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                lead(indent, name).append('\n');
                for (Object item : list) {
                    entry(indent + 2, null, item);
                }
            } else {
                lead(indent, name).append(' ');
                if (value instanceof Map<?, ?>) {
                    out.append("{}");
                } else if (value instanceof List<?>) {
                    out.append("[]");
                } else {
                    appendScalar(value);
                }
                out.append('\n');
            }
        }

        private void startItem(int indent) {
            pendingDash = indent;
        }

        private void endItem() {
            if (pendingDash >= 0) {
                indent(pendingDash).append("- {}\n");
                pendingDash = -1;
            }
        }

        // ---------------------------------------------------------------- lines

        /** Starts a line: the pending list dash if an item has just begun, else the indentation. */
        private StringBuilder indent(int indent) {
            if (pendingDash >= 0) {
                spaces(pendingDash);
                out.append("- ");
                pendingDash = -1;
            } else {
                spaces(indent);
            }
            return out;
        }

        private void spaces(int n) {
            for (int i = 0; i < n; i++) {
                out.append(' ');
            }
        }

        /** {@code key:} or, for a list item, {@code -}. */
        private StringBuilder lead(int indent, String name) {
            if (name == null) {
                // a scalar or a list directly inside a list
                indent(indent).append('-');
                return out;
            }
            indent(indent);
            appendPlainOrQuoted(name);
            return out.append(':');
        }

        private void key(int indent, String key) {
            indent(indent).append(key).append(":\n");
        }

        private void quoted(int indent, String key, String value) {
            if (value != null) {
                indent(indent).append(key).append(": ");
                appendDoubleQuoted(out, value);
                out.append('\n');
            }
        }

        private void plain(int indent, String key, String value) {
            if (value != null) {
                indent(indent).append(key).append(": ");
                appendPlainOrQuoted(value);
                out.append('\n');
            }
        }

        private void instant(int indent, String key, Instant value) {
            if (value != null) {
                indent(indent).append(key).append(": ").append(value).append('\n');
            }
        }

        private void number(int indent, String key, Number value) {
            if (value != null) {
                indent(indent).append(key).append(": ").append(value).append('\n');
            }
        }

        private void bool(int indent, String key, Boolean value) {
            if (value != null) {
                indent(indent).append(key).append(": ").append(value).append('\n');
            }
        }

        private void appendPlainOrQuoted(String value) {
            if (isPlainSafe(value)) {
                out.append(value);
            } else {
                appendDoubleQuoted(out, value);
            }
        }

        private void appendScalar(Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                    || value instanceof BigInteger) {
                out.append(value);
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d)) {
                    out.append(".nan");
                } else if (Double.isInfinite(d)) {
                    out.append(d > 0 ? ".inf" : "-.inf");
                } else {
                    String text = Double.toString(d);
                    out.append(text.contains(".") || text.contains("e") || text.contains("E") ? text : text + ".0");
                }
            } else if (value instanceof Number n) {
                out.append(n);
            } else {
                appendPlainOrQuoted(value.toString());
            }
        }
    }

    /** Plain when YAML would read the text back as the same text; double-quoted otherwise. */
    static String plainOrQuoted(String value) {
        if (isPlainSafe(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        appendDoubleQuoted(out, value);
        return out.toString();
    }

    static boolean isPlainSafe(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || c == '\uFEFF' || Character.isSurrogate(c) || Character.isWhitespace(c) && c != ' ') {
                return false;
            }
            if ((c == ':' && (i + 1 == n || s.charAt(i + 1) == ' ')) || (c == '#' && s.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return YamlScalars.resolve(s).equals(Tag.STR);
    }

    static void appendDoubleQuoted(StringBuilder out, String s) {
        out.append('"');
        int first = firstToEscape(s);
        if (first < 0) {
            // The common case: nothing to escape, one bulk copy (StringBuilder.append(s, from, to) copies char by char).
            out.append(s).append('"');
            return;
        }
        int run = 0;
        for (int i = first, n = s.length(); i < n; i++) {
            String escape = escapeOf(s, i);
            if (escape != null) {
                out.append(s.substring(run, i)).append(escape);
                run = i + 1;
            }
        }
        out.append(s.substring(run)).append('"');
    }

    private static int firstToEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                continue;
            }
            if (escapeOf(s, i) != null) {
                return i;
            }
        }
        return -1;
    }

    private static String escapeOf(String s, int i) {
        char c = s.charAt(i);
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\0' -> "\\0";
            default -> {
                boolean special = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028'
                        || c == '\u2029' || c == '\uFEFF' || (Character.isSurrogate(c) && !isPairedSurrogate(s, i));
                yield special ? String.format("\\u%04X", (int) c) : null;
            }
        };
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
