package dev.newsroom.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the Kafka consumers retry, give up on a record, and tell readiness they are stuck. */
@ConfigMapping(prefix = "newsroom.consumer")
public interface ConsumerSettings {

    /**
     * Readiness turns DOWN when a partition has records in hand but has made no progress (no record
     * processed or dead-lettered) for this long: a transient fault that outlasts it is an outage.
     */
    @WithDefault("60s")
    Duration stallTimeout();

    /** How long to wait for the broker to acknowledge one dead letter before trying again. */
    @WithDefault("30s")
    Duration deadLetterSendTimeout();

    Retry retry();

    interface Retry {
        /** Back-off after the first failed attempt; doubled after each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest back-off. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Attempts in all for a fault of unknown kind before its record is dead-lettered. */
        @WithDefault("5")
        int unknownFaultAttempts();
    }
}
