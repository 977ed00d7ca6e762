package dev.newsroom.model.seed;

import dev.newsroom.model.Article;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes an article in the seed format, in the layout the format's own files use: keys in the seed's
 * order, one blank line between sections, text fields (title, excerpt, URLs, {@code secured}) in double
 * quotes, names (category, type, provider, topics) plain where YAML allows. A file written by the
 * writer reads back to equal data; a file that already had this layout comes out byte for byte.
 */
public final class SeedFormatWriter {

    private static final Resolver RESOLVER = new Resolver();

    public String write(Article article) {
        List<String> sections = new ArrayList<>();

        Block head = new Block();
        head.plain(0, "category", article.category());
        head.quoted(0, "title", article.title());
        head.quoted(0, "excerpt", article.excerpt());
        head.instant(0, "publishedDateTime", article.publishedDateTime());
        head.quoted(0, "originalUrl", article.originalUrl());
        head.quoted(0, "webUrl", article.webUrl());
        head.quoted(0, "ampWebUrl", article.ampWebUrl());
        head.quoted(0, "cdnAmpWebUrl", article.cdnAmpWebUrl());
        head.plain(0, "type", article.type());
        head.number(0, "quality", article.quality());
        head.number(0, "heat", article.heat());
        head.bool(0, "published", article.published());
        sections.add(head.toString());

        Block featured = new Block();
        featured.quoted(0, "featuredContent", article.featuredContent());
        sections.add(featured.toString());

        Block provider = new Block();
        if (article.provider() != null) {
            provider.key(0, "provider");
            provider.provider(2, article.provider());
        }
        sections.add(provider.toString());

        Block topics = new Block();
        if (!article.topics().isEmpty()) {
            topics.key(0, "topics");
            for (String topic : article.topics()) {
                topics.line(2, "- " + plainOrQuoted(topic));
            }
        }
        sections.add(topics.toString());

        Block images = new Block();
        if (!article.images().isEmpty()) {
            images.key(0, "images");
            images.images(2, article.images());
        }
        sections.add(images.toString());

        Block related = new Block();
        if (!article.related().isEmpty()) {
            related.key(0, "related");
            for (RelatedArticle r : article.related()) {
                related.related(2, r);
            }
        }
        sections.add(related.toString());

        Block extra = new Block();
        extra.extra(0, article.extra());
        sections.add(extra.toString());

        Block secured = new Block();
        secured.quoted(0, "secured", article.secured());
        sections.add(secured.toString());

        StringBuilder out = new StringBuilder("---\n");
        boolean first = true;
        for (String section : sections) {
            if (section.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append('\n');
            }
            out.append(section);
            first = false;
        }
        return out.append("---\n").append(article.body()).toString();
    }

    /** Lines of YAML at a given indentation; a {@code null} value writes nothing. */
    private static final class Block {
        private final StringBuilder out = new StringBuilder();

        void line(int indent, String text) {
            out.append(" ".repeat(indent)).append(text).append('\n');
        }

        void key(int indent, String key) {
            line(indent, key + ":");
        }

        void quoted(int indent, String key, String value) {
            if (value != null) {
                line(indent, key + ": " + doubleQuoted(value));
            }
        }

        void plain(int indent, String key, String value) {
            if (value != null) {
                line(indent, key + ": " + plainOrQuoted(value));
            }
        }

        void instant(int indent, String key, Instant value) {
            if (value != null) {
                line(indent, key + ": " + value);
            }
        }

        void number(int indent, String key, Number value) {
            if (value != null) {
                line(indent, key + ": " + value);
            }
        }

        void bool(int indent, String key, Boolean value) {
            if (value != null) {
                line(indent, key + ": " + value);
            }
        }

        void provider(int indent, Provider p) {
            plain(indent, "name", p.name());
            plain(indent, "domain", p.domain());
            if (!p.images().isEmpty()) {
                key(indent, "images");
                images(indent + 2, p.images());
            }
            extra(indent, p.extra());
        }

        void images(int indent, List<Image> images) {
            for (Image image : images) {
                Block item = new Block();
                item.quoted(0, "url", image.url());
                item.number(0, "width", image.width());
                item.number(0, "height", image.height());
                item.quoted(0, "title", image.title());
                item.bool(0, "isCached", image.isCached());
                item.extra(0, image.extra());
                listItem(indent, item);
            }
        }

        void related(int indent, RelatedArticle r) {
            Block item = new Block();
            item.quoted(0, "title", r.title());
            item.quoted(0, "excerpt", r.excerpt());
            item.instant(0, "publishedDateTime", r.publishedDateTime());
            item.quoted(0, "originalUrl", r.originalUrl());
            item.quoted(0, "webUrl", r.webUrl());
            item.quoted(0, "ampWebUrl", r.ampWebUrl());
            item.quoted(0, "cdnAmpWebUrl", r.cdnAmpWebUrl());
            item.plain(0, "type", r.type());
            if (r.provider() != null) {
                item.key(0, "provider");
                item.provider(2, r.provider());
            }
            item.number(0, "quality", r.quality());
            if (!r.images().isEmpty()) {
                item.key(0, "images");
                item.images(2, r.images());
            }
            item.extra(0, r.extra());
            listItem(indent, item);
        }

        /** Writes a block as one item of a list: its first line after "- ", the others aligned under it. */
        void listItem(int indent, Block item) {
            String text = item.toString();
            if (text.isEmpty()) {
                line(indent, "- {}");
                return;
            }
            String[] lines = text.split("\n");
            line(indent, "- " + lines[0]);
            for (int i = 1; i < lines.length; i++) {
                line(indent + 2, lines[i]);
            }
        }

        void extra(int indent, Map<String, Object> extra) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                entry(indent, plainOrQuoted(e.getKey()) + ":", e.getValue());
            }
        }

        /** Writes plain data under a lead, which is either {@code "key:"} or a list dash {@code "-"}. */
        private void entry(int indent, String lead, Object value) {
            if (value instanceof Map<?, ?> map && !map.isEmpty()) {
                if (lead.equals("-")) {
                    Block item = new Block();
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        item.entry(0, plainOrQuoted(String.valueOf(e.getKey())) + ":", e.getValue());
                    }
                    listItem(indent, item);
                } else {
                    line(indent, lead);
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        entry(indent + 2, plainOrQuoted(String.valueOf(e.getKey())) + ":", e.getValue());
                    }
                }
            } else if (value instanceof List<?> list && !list.isEmpty()) {
                line(indent, lead);
                for (Object item : list) {
                    entry(indent + 2, "-", item);
                }
            } else if (value instanceof Map<?, ?>) {
                line(indent, lead + " {}");
            } else if (value instanceof List<?>) {
                line(indent, lead + " []");
            } else {
                line(indent, lead + " " + scalar(value));
            }
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return ".nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? ".inf" : "-.inf";
            }
            String text = Double.toString(d);
            return text.contains(".") || text.contains("e") || text.contains("E") ? text : text + ".0";
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return plainOrQuoted(value.toString());
    }

    /** Plain when YAML would read the text back as the same text; double-quoted otherwise. */
    static String plainOrQuoted(String value) {
        return isPlainSafe(value) ? value : doubleQuoted(value);
    }

    static boolean isPlainSafe(String s) {
        if (s.isEmpty() || !s.equals(s.strip())) {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || c == '\uFEFF' || Character.isSurrogate(c)) {
                return false;
            }
        }
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
            return false;
        }
        return RESOLVER.resolve(NodeId.scalar, s, true).equals(Tag.STR);
    }

    static String doubleQuoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> {
                    boolean escape = c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028'
                            || c == '\u2029' || c == '\uFEFF'
                            || (Character.isSurrogate(c) && !isPairedSurrogate(s, i));
                    if (escape) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
