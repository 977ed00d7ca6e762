package dev.newsroom.messaging;

/**
 * A classified failure.
 *
 * @param kind           what retrying can achieve
 * @param classification what the classifier saw, for people: {@code SQLState 22021 (data exception)}
 * @param decisive       the exception in the cause chain that decided the kind (the failure itself when
 *                       nothing did); its class and message go into the dead-letter headers
 */
public record Fault(FaultKind kind, String classification, Throwable decisive) {

    private static final int MAX_REASON = 1000;

    /** The decisive exception's message (its class name when it has none), at most 1,000 characters. */
    public String reason() {
        String message = decisive.getMessage();
        String reason = message == null || message.isBlank() ? decisive.getClass().getName() : message;
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }

    public String exceptionClass() {
        return decisive.getClass().getName();
    }
}
