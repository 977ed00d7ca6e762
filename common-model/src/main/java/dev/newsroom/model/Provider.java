package dev.newsroom.model;

import java.util.List;
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
}
