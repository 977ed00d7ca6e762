package dev.newsroom.ingest.service;

/**
 * Ingest cannot decide versions yet: the versions already on {@code articles.ingested} are still being read
 * back (at start). Nothing was accepted; the client should retry later (503 with Retry-After).
 */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
