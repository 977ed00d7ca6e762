package dev.newsroom.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes (singletons: final classes, no proxy needed) the pure {@link RetryPolicy} and {@link ConsumerProgress} beans, configured by {@link ConsumerSettings}. */
@ApplicationScoped
public class ConsumerBeans {

    @Produces
    @Singleton
    RetryPolicy retryPolicy(ConsumerSettings settings) {
        return RetryPolicy.of(settings.retry());
    }

    @Produces
    @Singleton
    ConsumerProgress consumerProgress(ConsumerSettings settings) {
        return new ConsumerProgress(Clock.systemUTC(), settings.stallTimeout());
    }
}
