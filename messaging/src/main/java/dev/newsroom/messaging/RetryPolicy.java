package dev.newsroom.messaging;

import java.time.Duration;

/**
 * What to do after a record (or a batch) failed: retry after a capped exponential back-off, or send it
 * to the dead-letter topic. Transient faults are retried forever (an outage delays, never drops);
 * permanent ones are dead-lettered at once; unknown ones get {@code unknownFaultAttempts} attempts in all.
 * Pure, in the shape of CommaFeed's {@code FeedRefreshIntervalCalculator}.
 */
public final class RetryPolicy {

    public enum Action { RETRY, DEAD_LETTER }

    /**
     * @param action  what to do
     * @param backoff how long to wait before the retry ({@link Duration#ZERO} for a dead letter)
     * @param fault   the classified failure
     */
    public record Decision(Action action, Duration backoff, Fault fault) {
        public boolean retry() {
            return action == Action.RETRY;
        }
    }

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int unknownFaultAttempts;

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, int unknownFaultAttempts) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initial back-off <= max back-off");
        }
        if (unknownFaultAttempts < 1) {
            throw new IllegalArgumentException("unknown faults need at least one attempt");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.unknownFaultAttempts = unknownFaultAttempts;
    }

    public static RetryPolicy of(ConsumerSettings.Retry settings) {
        return new RetryPolicy(settings.initialBackoff(), settings.maxBackoff(), settings.unknownFaultAttempts());
    }

    /**
     * @param failure what attempt number {@code attempt} (1 for the first) threw
     */
    public Decision decide(Throwable failure, int attempt) {
        Fault fault = FaultClassifier.classify(failure);
        return switch (fault.kind()) {
            case TRANSIENT -> new Decision(Action.RETRY, backoff(attempt), fault);
            case PERMANENT -> new Decision(Action.DEAD_LETTER, Duration.ZERO, fault);
            case UNKNOWN -> attempt < unknownFaultAttempts ? new Decision(Action.RETRY, backoff(attempt), fault)
                    : new Decision(Action.DEAD_LETTER, Duration.ZERO, fault);
        };
    }

    /** {@code initial × 2^(attempt − 1)}, at most {@code max}. */
    public Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
