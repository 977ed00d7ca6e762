package dev.newsroom.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a stage's poison records (their values of type {@code V}) go; {@link DeadLetters} is the Kafka one. */
@FunctionalInterface
public interface DeadLetterSink<V> {

    /**
     * Sends the record, with the fault in its headers, and returns once the broker acknowledged it.
     *
     * @throws RuntimeException when it was not acknowledged (the caller retries)
     */
    void send(ConsumerRecord<String, V> record, Fault fault, int attempts);
}
