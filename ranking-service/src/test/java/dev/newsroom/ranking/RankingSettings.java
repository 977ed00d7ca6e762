package dev.newsroom.ranking;

import dev.newsroom.ranking.config.RankingConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The service's {@link RankingConfig} exactly as application.properties sets it, without a container:
 * the pure tests and the benchmark run on the real defaults, optionally with some keys overridden.
 */
public final class RankingSettings {

    private RankingSettings() {
    }

    public static RankingConfig defaults() {
        return with(Map.of());
    }

    /** The defaults with {@code overrides} (full key names, e.g. {@code newsroom.ranking.related.k}). */
    public static RankingConfig with(Map<String, String> overrides) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withMapping(RankingConfig.class)
                    .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' "24h" form
                    .withSources(new PropertiesConfigSource(RankingSettings.class.getResource("/application.properties"), 100))
                    .withSources(new MapBackedConfigSource("overrides", Map.copyOf(overrides), 200) {
                    })
                    .build();
            return config.getConfigMapping(RankingConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
