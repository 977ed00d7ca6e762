package dev.newsroom.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a stage's poison records to its dead-letter topic through the service's {@code dead-letters}
 * channel: the record's key, value and headers kept, the fault and the origin added
 * ({@link DeadLetterHeaders}), and counted in {@code newsroom.dead.letters{stage}}.
 */
public final class DeadLetters implements DeadLetterSink<byte[]> {

    /** The counter both stages share, tagged with {@code stage}. */
    public static final String METRIC = "newsroom.dead.letters";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** The dead letters' values: the poison record's bytes, exactly as they came. */
    private final MutinyEmitter<byte[]> emitter;
    private final String stage;
    private final Duration sendTimeout;
    private final Clock clock;
    private final Counter counter;

    /**
     * @param stage {@code ranking} or {@code store}: the stage that gives up on the record
     */
    public DeadLetters(MutinyEmitter<byte[]> emitter, String stage, Duration sendTimeout, MeterRegistry registry) {
        this.emitter = emitter;
        this.stage = stage;
        this.sendTimeout = sendTimeout;
        this.clock = Clock.systemUTC();
        this.counter = Counter.builder(METRIC).description("records sent to a dead-letter topic, per stage")
                .tag("stage", stage).register(registry);
    }

    @Override
    public void send(ConsumerRecord<String, byte[]> record, Fault fault, int attempts) {
        LOG.warnf("sending %s-%d@%d (key %s) to the dead-letter topic after %d attempt(s): %s, %s", record.topic(),
                record.partition(), record.offset(), record.key(), attempts, fault.classification(), fault.reason());
        Message<byte[]> message = Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(DeadLetterHeaders.of(record, stage, fault, attempts, clock.instant()))
                .build());
        emitter.sendMessage(message).await().atMost(sendTimeout);
        counter.increment();
    }
}
