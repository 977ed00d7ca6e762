package dev.newsroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 5);

    @ParameterizedTest(name = "attempt {0} waits {1} ms")
    @CsvSource({"1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 16000", "7, 30000", "50, 30000", "2147483647, 30000"})
    void shouldBackOffExponentiallyUpToTheCap(int attempt, long millis) {
        assertThat(policy.backoff(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void shouldRetryATransientFaultForever() {
        RetryPolicy.Decision decision = policy.decide(new SQLException("connection refused", "08001"), 1_000);

        assertThat(decision.action()).isEqualTo(RetryPolicy.Action.RETRY);
        assertThat(decision.backoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(decision.fault().kind()).isEqualTo(FaultKind.TRANSIENT);
    }

    @Test
    void shouldRetryAnOutageOfTheNetworkForever() {
        assertThat(policy.decide(new RuntimeException(new ConnectException("refused")), 99).retry()).isTrue();
    }

    @Test
    void shouldDeadLetterAPermanentFaultAtOnce() {
        RetryPolicy.Decision decision = policy.decide(new SQLException("invalid byte sequence", "22021"), 1);

        assertThat(decision.action()).isEqualTo(RetryPolicy.Action.DEAD_LETTER);
        assertThat(decision.backoff()).isZero();
        assertThat(decision.fault().kind()).isEqualTo(FaultKind.PERMANENT);
    }

    @Test
    void shouldRetryAnUnknownFaultABoundedNumberOfTimesThenDeadLetterIt() {
        IllegalStateException odd = new IllegalStateException("odd");

        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(policy.decide(odd, attempt).retry()).as("attempt %d", attempt).isTrue();
        }
        RetryPolicy.Decision last = policy.decide(odd, 5);
        assertThat(last.action()).isEqualTo(RetryPolicy.Action.DEAD_LETTER);
        assertThat(last.fault().kind()).isEqualTo(FaultKind.UNKNOWN);
    }

    @Test
    void shouldDeadLetterAnUnknownFaultAtOnceWhenOneAttemptIsAllowed() {
        assertThat(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 1).decide(new RuntimeException(), 1).retry())
                .isFalse();
    }

    @Test
    void shouldRefuseSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
