package dev.newsroom.ranking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Every setting of ranking-service; defaults in application.properties, documented in the README. */
@ConfigMapping(prefix = "newsroom.ranking")
public interface RankingConfig {

    Heat heat();

    /** The constants of the heat formula (see {@code HeatCalculator}). */
    interface Heat {
        /** Quality assumed for an article whose file has none. */
        @WithDefault("50")
        double defaultQuality();

        /** Weight of coverage: base grows by this factor times ln(distinct providers). */
        @WithDefault("0.25")
        double coverageWeight();

        /** Recency halves every half-life. */
        @WithDefault("24h")
        Duration halfLife();

        /** Weight of a provider not listed in {@link #providerWeights()}. */
        @WithDefault("1.0")
        double defaultProviderWeight();

        /** Per-domain weights, e.g. {@code newsroom.ranking.heat.provider-weights."nytimes.com"=1.2}. */
        Map<String, Double> providerWeights();
    }
}
