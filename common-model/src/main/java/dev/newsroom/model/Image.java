package dev.newsroom.model;

import java.util.Map;

/**
 * An image of an article or a provider. {@code isCached} appears in the 2021 feeds; {@code url} may be
 * site-relative (the seed's provider logo is {@code /assets/images/...}).
 */
public record Image(String url, Integer width, Integer height, String title, Boolean isCached,
                    Map<String, Object> extra) {

    public Image {
        extra = Collections2.copyOrEmpty(extra);
    }

    public static Image of(String url, Integer width, Integer height) {
        return new Image(url, width, height, null, null, Map.of());
    }
}
