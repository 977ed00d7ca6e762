package dev.newsroom.messaging;

/** What retrying a failed record can achieve. See {@link FaultClassifier} for which fault is which. */
public enum FaultKind {
    /** The world is away (broker, database, network): retrying will pass once it is back. Retried forever. */
    TRANSIENT,
    /** The record itself is the problem: retrying can never pass. Dead-lettered at once. */
    PERMANENT,
    /** Neither is known: retried a bounded number of times, then dead-lettered. */
    UNKNOWN
}
