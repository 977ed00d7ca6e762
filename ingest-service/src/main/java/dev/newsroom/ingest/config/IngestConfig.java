package dev.newsroom.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every setting of ingest-service; defaults in application.properties, documented in the README. */
@ConfigMapping(prefix = "newsroom.ingest")
public interface IngestConfig {

    /** The bearer token publishers must send (env NEWSROOM_INGEST_TOKEN). Without one, every ingest answers 401. */
    Optional<String> token();

    /** Largest single article file, in bytes. */
    @WithDefault("1048576")
    int maxFileBytes();

    /** How long to wait for Kafka to acknowledge an article before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** Seconds a client should wait before retrying when Kafka is unavailable (Retry-After). */
    @WithDefault("5")
    int retryAfterSeconds();

    Yaml yaml();

    /** Bounds on the YAML front matter (hostile files are refused before they cost anything). */
    interface Yaml {
        @WithDefault("262144")
        int maxFrontMatterChars();

        @WithDefault("10")
        int maxAliases();

        @WithDefault("20")
        int maxNestingDepth();
    }
}
