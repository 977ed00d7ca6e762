package dev.newsroom.messaging;

/**
 * Thrown by a stage for a record that can never be processed, whatever is retried: unreadable, of an
 * unsupported schema version, failing the stage's checks, or breaking deterministic work such as
 * ranking. {@link FaultClassifier} makes it {@link FaultKind#PERMANENT}.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
