package dev.newsroom.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The publisher of an article: display name, web domain and logos. */
public record Provider(String name, String domain, List<Image> images, Map<String, Object> extra) {

    public Provider {
        images = Collections2.copyOrEmpty(images);
        extra = Collections2.copyOrEmpty(extra);
    }

    public static Provider of(String name, String domain) {
        return new Provider(name, domain, List.of(), Map.of());
    }

    /**
     * A domain as the key it is: stories count their providers by it and lists filter by it, so the spellings
     * of one host are one key. Surrounding whitespace goes, letters are lower-cased (host names are
     * case-insensitive) and trailing dots go ({@code nytimes.com.} is the same host written as a fully qualified
     * name); a domain left empty is none ({@code null}). Anything else is kept as written.
     */
    public static String domainKey(String domain) {
        if (domain == null) {
            return null;
        }
        String key = domain.strip().toLowerCase(Locale.ROOT);
        int end = key.length();
        while (end > 0 && key.charAt(end - 1) == '.') {
            end--;
        }
        key = key.substring(0, end).strip();
        return key.isEmpty() ? null : key;
    }

    /** {@link #domainKey} of this provider's domain; {@code null} when it has none. */
    public String domainKey() {
        return domainKey(domain);
    }
}
