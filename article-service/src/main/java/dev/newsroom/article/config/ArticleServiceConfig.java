package dev.newsroom.article.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every tunable of article-service; defaults and comments in {@code application.properties}. */
@ConfigMapping(prefix = "newsroom.articles")
public interface ArticleServiceConfig {

    Paging paging();

    Caching caching();

    Feeds feeds();

    AsOf asOf();

    /**
     * The address readers reach this service at, for absolute links in feeds and {@code next} links
     * (e.g. {@code https://news.example.com}); without it, the address of the request.
     */
    Optional<String> publicUrl();

    interface Paging {
        /** Page size when the request names none. */
        @WithDefault("20")
        int defaultSize();

        /** The largest page a client may ask for (400 beyond). */
        @WithDefault("100")
        int maxSize();

        /** Other coverage listed with each story of {@code GET /stories}. */
        @WithDefault("10")
        int storyCoverage();
    }

    interface Caching {
        /** {@code max-age} of lists ({@code /articles}, {@code /stories}, {@code /topics}, ...). */
        @WithDefault("10s")
        Duration listMaxAge();

        /** {@code max-age} of one article, its related links and its heat. */
        @WithDefault("60s")
        Duration articleMaxAge();

        /** {@code max-age} of the feeds and the web page. */
        @WithDefault("60s")
        Duration feedMaxAge();

        /** How long a rendered first page is served from memory; a stored batch clears it sooner. */
        @WithDefault("2s")
        Duration pageTtl();

        /** Rendered pages kept in memory at most. */
        @WithDefault("2000")
        int pageEntries();
    }

    interface Feeds {
        /** Stories per feed. */
        @WithDefault("20")
        int size();

        /** The feeds' title. */
        @WithDefault("Newsroom")
        String title();
    }

    /** The news as it was at an instant ({@code at=}): see {@code service/NewsAsOf}. */
    interface AsOf {
        /** How far back from {@code at} articles are candidates for the heat orders and the top stories. */
        @WithDefault("30d")
        Duration window();

        /**
         * How much each extra provider adds to a story's heat ({@code × (1 + w × ln providers)}): must equal
         * ranking-service's {@code newsroom.ranking.heat.coverage-weight}, which the stored ranking does not carry
         * for a story of one provider.
         */
        @WithDefault("0.25")
        double coverageWeight();
    }
}
