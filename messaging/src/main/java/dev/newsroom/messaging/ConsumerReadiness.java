package dev.newsroom.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while a partition has records in hand and has made no progress for {@code newsroom.consumer.stall-timeout}
 * (a batch being retried behind an outage), with, per stuck partition, the offset it waits at, since when,
 * and the last error. A poison record never makes it DOWN: it goes to the dead-letter topic.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerProgress progress;

    public ConsumerReadiness(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        var stalled = progress.stalled();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumer-progress")
                .status(stalled.isEmpty()).withData("stall-timeout", progress.stallTimeout().toString());
        for (ConsumerProgress.Waiting w : stalled) {
            response.withData(w.partition().toString(), "offset " + w.offset() + " waiting since " + w.since()
                    + (w.lastError() == null ? "" : "; last error: " + w.lastError()));
        }
        return response.build();
    }
}
