package dev.newsroom.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FaultClassifierTest {

    /** Stands in for a persistence exception wrapping the driver's, as Hibernate and Narayana do. */
    static final class WrappingException extends RuntimeException {
        WrappingException(Throwable cause) {
            super("could not execute statement", cause);
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                // the record's own fault: never passes
                Arguments.of(new PoisonRecordException("unsupported schema version 2"), FaultKind.PERMANENT, "poison record"),
                Arguments.of(wrapped(sql("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")), FaultKind.PERMANENT,
                        "SQLState 22021 (data exception)"),
                Arguments.of(wrapped(sql("smallint out of range", "22003")), FaultKind.PERMANENT,
                        "SQLState 22003 (data exception)"),
                Arguments.of(wrapped(sql("duplicate key value violates unique constraint", "23505")), FaultKind.PERMANENT,
                        "SQLState 23505 (integrity constraint violation)"),
                Arguments.of(sql("string is too long for tsvector", "54000"), FaultKind.PERMANENT,
                        "SQLState 54000 (program limit exceeded)"),
                Arguments.of(new RecordTooLargeException("too large"), FaultKind.PERMANENT, "Kafka RecordTooLargeException"),
                // the world's fault: passes once it is back
                Arguments.of(wrapped(sql("Connection refused", "08001")), FaultKind.TRANSIENT,
                        "SQLState 08001 (connection exception)"),
                Arguments.of(sql("terminating connection due to administrator command", "57P01"), FaultKind.TRANSIENT,
                        "SQLState 57P01 (operator intervention)"),
                Arguments.of(sql("too many connections", "53300"), FaultKind.TRANSIENT, "SQLState 53300 (insufficient resources)"),
                Arguments.of(sql("deadlock detected", "40P01"), FaultKind.TRANSIENT, "SQLState 40P01 (transaction rollback)"),
                Arguments.of(sql("could not serialize access", "40001"), FaultKind.TRANSIENT, "SQLState 40001 (transaction rollback)"),
                Arguments.of(sql("could not obtain lock", "55P03"), FaultKind.TRANSIENT, "SQLState 55P03 (lock not available)"),
                Arguments.of(new SQLException("Sorry, acquisition timeout!"), FaultKind.TRANSIENT, "connection acquisition timeout"),
                Arguments.of(new SQLTransientConnectionException("pool exhausted"), FaultKind.TRANSIENT,
                        "SQLTransientConnectionException"),
                Arguments.of(wrapped(new ConnectException("Connection refused")), FaultKind.TRANSIENT, "ConnectException"),
                Arguments.of(new SocketTimeoutException("Read timed out"), FaultKind.TRANSIENT, "SocketTimeoutException"),
                Arguments.of(new CompletionException(new TimeoutException("Expiring 1 record(s)")), FaultKind.TRANSIENT,
                        "Kafka retriable TimeoutException"),
                Arguments.of(new ExecutionException(new NetworkException("disconnected")), FaultKind.TRANSIENT,
                        "Kafka retriable NetworkException"),
                Arguments.of(new java.util.concurrent.TimeoutException("barrier"), FaultKind.TRANSIENT, "TimeoutException"),
                Arguments.of(new CancellationException("shutting down"), FaultKind.TRANSIENT, "CancellationException"),
                // neither is known: bounded retries
                Arguments.of(new NullPointerException("publishedDateTime"), FaultKind.UNKNOWN, "unclassified NullPointerException"),
                Arguments.of(wrapped(sql("column \"x\" does not exist", "42703")), FaultKind.UNKNOWN,
                        "unclassified WrappingException"),
                Arguments.of(new UncheckedIOException(new java.io.IOException("disk full")), FaultKind.UNKNOWN,
                        "unclassified UncheckedIOException"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("faults")
    void shouldClassifyEachFaultByWhatRetryingCanAchieve(Throwable failure, FaultKind kind, String classification) {
        Fault fault = FaultClassifier.classify(failure);

        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.classification()).isEqualTo(classification);
    }

    @org.junit.jupiter.api.Test
    void shouldFindTheRealErrorOfABatchInTheDriversNextException() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, 0, new int[0]);
        batch.setNextException(sql("value too long for type character varying(64)", "22001"));

        Fault fault = FaultClassifier.classify(wrapped(batch));

        assertThat(fault.kind()).isEqualTo(FaultKind.PERMANENT);
        assertThat(fault.reason()).isEqualTo("ERROR: value too long for type character varying(64)");
        assertThat(fault.exceptionClass()).isEqualTo(SQLException.class.getName());
    }

    @org.junit.jupiter.api.Test
    void shouldKeepTheReasonShortAndNeverEmpty() {
        assertThat(FaultClassifier.classify(new IllegalStateException()).reason())
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(FaultClassifier.classify(new PoisonRecordException("x".repeat(5000))).reason()).hasSize(1001);
    }

    @org.junit.jupiter.api.Test
    void shouldSurviveACauseCycle() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(FaultClassifier.classify(a).kind()).isEqualTo(FaultKind.UNKNOWN);
    }

    private static SQLException sql(String message, String state) {
        return new SQLException("ERROR: " + message, state);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new WrappingException(new RuntimeException("org.hibernate.exception", cause));
    }
}
