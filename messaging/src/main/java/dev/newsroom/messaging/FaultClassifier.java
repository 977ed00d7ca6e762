package dev.newsroom.messaging;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decides whether a failure is the world's (transient: retry until it passes) or the record's (permanent:
 * dead-letter it), or neither is known. Pure: no container, no I/O.
 *
 * <p>The cause chain is walked from the outermost exception inward (and into a {@link SQLException}'s
 * next exceptions, where PostgreSQL puts the real error of a batch); the first exception that decides
 * wins:
 *
 * <table>
 * <caption>fault classes</caption>
 * <tr><th>exception</th><th>kind</th></tr>
 * <tr><td>{@link PoisonRecordException} (unreadable record, unsupported schema version, failed check,
 *     a record that breaks ranking)</td><td>permanent</td></tr>
 * <tr><td>SQLState class 22 (data exception: a NUL in text, a number out of range), 23 (integrity
 *     constraint), 54 (program limit exceeded: a row or search vector too large)</td><td>permanent</td></tr>
 * <tr><td>SQLState class 08 (connection), 40 (transaction rollback: serialization, deadlock), 53
 *     (insufficient resources), 57 (operator intervention: shutdown, terminated backend, cancelled
 *     statement), 58 (system error), and 55P03 (lock not available)</td><td>transient</td></tr>
 * <tr><td>a {@link SQLException} without state: {@link SQLTransientException} or
 *     {@link SQLRecoverableException} transient, {@link SQLDataException} or
 *     {@link SQLIntegrityConstraintViolationException} permanent; a connection pool's "acquisition
 *     timeout" transient</td><td></td></tr>
 * <tr><td>Hibernate's {@code JDBCConnectionException}, {@code LockAcquisitionException},
 *     {@code PessimisticLockException}, JPA's {@code LockTimeoutException} and
 *     {@code QueryTimeoutException} (by name: this module knows no Hibernate)</td><td>transient</td></tr>
 * <tr><td>Kafka's {@link RetriableException} (its {@code TimeoutException}, {@code NetworkException},
 *     {@code NotLeaderOrFollowerException}, ...)</td><td>transient</td></tr>
 * <tr><td>Kafka's {@link RecordTooLargeException}, {@link SerializationException},
 *     {@link InvalidRecordException}</td><td>permanent</td></tr>
 * <tr><td>{@link SocketException} (connection refused or reset, no route), {@link SocketTimeoutException},
 *     {@link UnknownHostException}, {@link TimeoutException} (also Mutiny's), {@link CancellationException}
 *     and {@link InterruptedException} (shutting down)</td><td>transient</td></tr>
 * <tr><td>anything else (a bug, an odd value the code did not expect, SQLState 42 ...)</td><td>unknown</td></tr>
 * </table>
 */
public final class FaultClassifier {

    private static final int MAX_DEPTH = 32;
    private static final Set<String> TRANSIENT_BY_NAME = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException",
            "io.smallrye.mutiny.TimeoutException");
    private static final Map<String, String> TRANSIENT_SQL_CLASSES = Map.of(
            "08", "connection exception",
            "40", "transaction rollback",
            "53", "insufficient resources",
            "57", "operator intervention",
            "58", "system error");
    private static final Map<String, String> PERMANENT_SQL_CLASSES = Map.of(
            "22", "data exception",
            "23", "integrity constraint violation",
            "54", "program limit exceeded");

    private FaultClassifier() {
    }

    public static Fault classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH && seen.add(current); depth++) {
            Fault fault = decide(current);
            if (fault != null) {
                return fault;
            }
            if (current instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && next != sql && seen.add(next);
                     next = next.getNextException()) {
                    Fault nextFault = decide(next);
                    if (nextFault != null) {
                        return nextFault;
                    }
                }
            }
            current = current.getCause();
        }
        return new Fault(FaultKind.UNKNOWN, "unclassified " + failure.getClass().getSimpleName(), failure);
    }

    /** The fault when this exception alone decides it, else null. */
    private static Fault decide(Throwable e) {
        if (e instanceof PoisonRecordException) {
            return new Fault(FaultKind.PERMANENT, "poison record", e);
        }
        if (e instanceof SQLException sql) {
            return decideSql(sql);
        }
        if (TRANSIENT_BY_NAME.contains(e.getClass().getName())) {
            return new Fault(FaultKind.TRANSIENT, e.getClass().getSimpleName(), e);
        }
        if (e instanceof RetriableException) {
            return new Fault(FaultKind.TRANSIENT, "Kafka retriable " + e.getClass().getSimpleName(), e);
        }
        if (e instanceof RecordTooLargeException || e instanceof SerializationException
                || e instanceof InvalidRecordException) {
            return new Fault(FaultKind.PERMANENT, "Kafka " + e.getClass().getSimpleName(), e);
        }
        if (e instanceof SocketException || e instanceof SocketTimeoutException || e instanceof UnknownHostException
                || e instanceof TimeoutException || e instanceof CancellationException
                || e instanceof InterruptedException) {
            return new Fault(FaultKind.TRANSIENT, e.getClass().getSimpleName(), e);
        }
        return null;
    }

    private static Fault decideSql(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && state.length() == 5) {
            String sqlClass = state.substring(0, 2);
            if ("55P03".equals(state)) {
                return new Fault(FaultKind.TRANSIENT, "SQLState 55P03 (lock not available)", sql);
            }
            if (TRANSIENT_SQL_CLASSES.containsKey(sqlClass)) {
                return new Fault(FaultKind.TRANSIENT, "SQLState " + state + " (" + TRANSIENT_SQL_CLASSES.get(sqlClass) + ")", sql);
            }
            if (PERMANENT_SQL_CLASSES.containsKey(sqlClass)) {
                return new Fault(FaultKind.PERMANENT, "SQLState " + state + " (" + PERMANENT_SQL_CLASSES.get(sqlClass) + ")", sql);
            }
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return new Fault(FaultKind.TRANSIENT, sql.getClass().getSimpleName(), sql);
        }
        if (sql instanceof SQLDataException || sql instanceof SQLIntegrityConstraintViolationException) {
            return new Fault(FaultKind.PERMANENT, sql.getClass().getSimpleName(), sql);
        }
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("acquisition timeout")) {
            return new Fault(FaultKind.TRANSIENT, "connection acquisition timeout", sql);
        }
        return null; // a state of another class (42: our own SQL) or none: look further down the chain
    }
}
