package dev.newsroom.ingest.service;

/** Kafka did not acknowledge in time: nothing was accepted, the client should retry later (503). */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
