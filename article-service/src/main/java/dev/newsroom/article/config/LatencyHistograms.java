package dev.newsroom.article.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * Request latency per endpoint as a Prometheus histogram (buckets from 1 ms to 10 s), so that p99 per
 * endpoint can be computed from the scrape ({@code histogram_quantile} over
 * {@code http_server_requests_seconds_bucket}), not only the mean.
 */
@Singleton
public class LatencyHistograms {

    @Produces
    @Singleton
    MeterFilter requestLatencyHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build().merge(config);
            }
        };
    }
}
