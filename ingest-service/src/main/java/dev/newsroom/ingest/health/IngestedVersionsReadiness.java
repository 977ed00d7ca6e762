package dev.newsroom.ingest.health;

import dev.newsroom.ingest.service.IngestedVersions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the versions of every ingested article have been read back from Kafka. */
@Readiness
public class IngestedVersionsReadiness implements HealthCheck {

    private final IngestedVersions versions;

    public IngestedVersionsReadiness(IngestedVersions versions) {
        this.versions = versions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("ingested-versions")
                .status(versions.isCaughtUp())
                .withData("articles", versions.size())
                .build();
    }
}
