package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Repairs the display text of an article without inventing anything: mojibake (UTF-8 that was once read
 * as Windows-1252 or Latin-1, such as {@code countryâ€™s} for {@code country’s}), HTML entities in titles
 * and excerpts ({@code &amp;}, {@code &#39;}, {@code &rsquo;}), control characters, and runs of whitespace.
 *
 * <p>Only text a reader sees is touched: titles, excerpts, the category, topics, provider names and image
 * titles; and provider domains, which are keys, are written as their key ({@link #domain}). URLs, {@code secured},
 * the Markdown body and unknown keys are left exactly as they came.
 *
 * <p>Mojibake is repaired only where a run of characters, turned back into the Windows-1252 bytes they
 * came from, is a valid UTF-8 sequence; correct text (accented Latin, Greek, Cyrillic, CJK, curly quotes)
 * never has that shape, so it is left alone. Most text needs no repair, so every string is first scanned
 * once for anything suspicious and returned as it is (no copy) when there is nothing.
 *
 * <p>Pure and thread-safe.
 */
public final class TextRepair {

    /** Windows-1252 byte of each character 0x0000–0x2122 (-1 for none); Latin-1 and C1 controls map to themselves. */
    private static final short[] CP1252 = cp1252Table();
    private static final int MAX_MOJIBAKE_PASSES = 3;

    private TextRepair() {
    }

    /** The article with its display text repaired; the same instance when nothing needed repair. */
    public static Article repair(Article a) {
        String title = titleOrExcerpt(a.title());
        String excerpt = titleOrExcerpt(a.excerpt());
        String category = text(a.category());
        List<String> topics = texts(a.topics());
        Provider provider = provider(a.provider());
        List<Image> images = images(a.images());
        List<RelatedArticle> related = related(a.related());
        if (title == a.title() && excerpt == a.excerpt() && category == a.category() && topics == a.topics()
                && provider == a.provider() && images == a.images() && related == a.related()) {
            return a;
        }
        return a.toBuilder().title(title).excerpt(excerpt).category(category).topics(topics).provider(provider)
                .images(images).related(related).build();
    }

    /** A title or an excerpt: mojibake, HTML entities, control characters, whitespace. */
    public static String titleOrExcerpt(String s) {
        return repair(s, true);
    }

    /** Other display text (names, topics): mojibake, control characters, whitespace; entities kept as written. */
    public static String text(String s) {
        return repair(s, false);
    }

    private static String repair(String s, boolean entities) {
        if (s == null || !needsRepair(s, entities)) {
            return s;
        }
        String r = s;
        for (int pass = 0; pass < MAX_MOJIBAKE_PASSES; pass++) {
            String fixed = fixMojibake(r);
            if (fixed.equals(r)) {
                break;
            }
            r = fixed;
        }
        if (entities && r.indexOf('&') >= 0) {
            r = StringEscapeUtils.unescapeHtml4(r);
        }
        r = dropControlsAndCollapseWhitespace(r);
        return r.equals(s) ? s : r;
    }

    /** One pass, no allocation: anything that could need repair at all. */
    static boolean needsRepair(String s, boolean entities) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
            return true;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF  // control characters (tabs, newlines), stray BOMs
                    || (c >= 0xC2 && c <= 0xF4)                   // could start a UTF-8 sequence read as Windows-1252
                    || (c == '&' && entities)
                    || (c == ' ' && previous == ' ')
                    || (c >= 0x1680 && Character.isWhitespace(c))) {
                return true;
            }
            previous = c;
        }
        return false;
    }

    // ---------------------------------------------------------------- mojibake

    static String fixMojibake(String s) {
        StringBuilder out = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int continuation = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : 0;
            int codePoint = continuation > 0 && i + continuation < n ? decode(s, i, continuation) : -1;
            if (codePoint >= 0) {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.appendCodePoint(codePoint);
                i += continuation + 1;
            } else {
                if (out != null) {
                    out.append(c);
                }
                i++;
            }
        }
        return out == null ? s : out.toString();
    }

    /** The code point the Windows-1252 bytes of s[i..i+continuation] encode in UTF-8, or -1 when they are not valid UTF-8. */
    private static int decode(String s, int i, int continuation) {
        int lead = s.charAt(i);
        int codePoint = lead & (0x3F >> continuation);
        for (int k = 1; k <= continuation; k++) {
            int b = byteOf(s.charAt(i + k));
            if (b < 0x80 || b > 0xBF) {
                return -1;
            }
            if (k == 1 && ((lead == 0xE0 && b < 0xA0) || (lead == 0xED && b > 0x9F)   // overlong, surrogate
                    || (lead == 0xF0 && b < 0x90) || (lead == 0xF4 && b > 0x8F))) {    // overlong, beyond U+10FFFF
                return -1;
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        return continuation > 1 || isLikelyTwoByteLetter(codePoint) ? codePoint : -1;
    }

    /**
     * Two characters decode by chance more often than three or four (an upper-case accented letter before
     * a closing quote: {@code É”}), so a two-byte repair must also give a character text is made of:
     * Latin-1 and Latin Extended-A, Greek, Cyrillic, Hebrew or Arabic, never IPA, modifiers or C1 controls.
     */
    private static boolean isLikelyTwoByteLetter(int c) {
        return (c >= 0xA0 && c <= 0x17F) || (c >= 0x370 && c <= 0x4FF) || (c >= 0x590 && c <= 0x6FF);
    }

    private static int byteOf(char c) {
        return c < CP1252.length ? CP1252[c] : -1;
    }

    private static short[] cp1252Table() {
        short[] table = new short[0x2123];
        Arrays.fill(table, (short) -1);
        for (int c = 0x80; c <= 0xFF; c++) {
            table[c] = (short) c; // Latin-1, and C1 controls as a Latin-1 decoder (or Windows-1252's unmapped bytes) leaves them
        }
        char[] specials = {'\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030',
                '\u0160', '\u2039', '\u0152', 0, '\u017D', 0, 0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022',
                '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'};
        for (int b = 0; b < specials.length; b++) {
            if (specials[b] != 0) {
                table[specials[b]] = (short) (0x80 + b);
            }
        }
        return table;
    }

    // ---------------------------------------------------------------- controls and whitespace

    private static String dropControlsAndCollapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = !out.isEmpty();
            } else if (!Character.isISOControl(c) && c != '\uFEFF') {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- the parts of an article

    private static List<String> texts(List<String> values) {
        List<String> repaired = null;
        for (int i = 0; i < values.size(); i++) {
            String v = text(values.get(i));
            if (v != values.get(i) && repaired == null) {
                repaired = new ArrayList<>(values.subList(0, i));
            }
            if (repaired != null) {
                repaired.add(v);
            }
        }
        return repaired == null ? values : repaired;
    }

    private static Provider provider(Provider p) {
        if (p == null) {
            return null;
        }
        String name = text(p.name());
        String domain = domain(p.domain());
        List<Image> images = images(p.images());
        return name == p.name() && domain == p.domain() && images == p.images() ? p
                : new Provider(name, domain, images, p.extra());
    }

    /** A provider's domain written as its key ({@link Provider#domainKey}); the same string when it already is. */
    public static String domain(String domain) {
        String key = Provider.domainKey(domain);
        return key != null && key.equals(domain) ? domain : key;
    }

    private static List<Image> images(List<Image> images) {
        List<Image> repaired = null;
        for (int i = 0; i < images.size(); i++) {
            Image image = images.get(i);
            String title = titleOrExcerpt(image.title());
            Image r = title == image.title() ? image
                    : new Image(image.url(), image.width(), image.height(), title, image.isCached(), image.extra());
            if (r != image && repaired == null) {
                repaired = new ArrayList<>(images.subList(0, i));
            }
            if (repaired != null) {
                repaired.add(r);
            }
        }
        return repaired == null ? images : repaired;
    }

    private static List<RelatedArticle> related(List<RelatedArticle> related) {
        List<RelatedArticle> repaired = null;
        for (int i = 0; i < related.size(); i++) {
            RelatedArticle r = related.get(i);
            String title = titleOrExcerpt(r.title());
            String excerpt = titleOrExcerpt(r.excerpt());
            Provider provider = provider(r.provider());
            List<Image> images = images(r.images());
            RelatedArticle fixed = title == r.title() && excerpt == r.excerpt() && provider == r.provider()
                    && images == r.images() ? r
                    : new RelatedArticle(title, excerpt, r.publishedDateTime(), r.originalUrl(), r.webUrl(),
                            r.ampWebUrl(), r.cdnAmpWebUrl(), r.type(), provider, r.quality(), images, r.extra());
            if (fixed != r && repaired == null) {
                repaired = new ArrayList<>(related.subList(0, i));
            }
            if (repaired != null) {
                repaired.add(fixed);
            }
        }
        return repaired == null ? related : repaired;
    }
}
