package dev.newsroom.cli;

import dev.newsroom.model.event.EventHeaders;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code newsroom dead-letters replay}: sends each dead letter's value, byte for byte, with its key and its original
 * headers (the dead-letter ones removed), back to the topic it came from, for the stage to try again once
 * the cause is fixed. Each dead letter is replayed once: the consumer group
 * {@value #GROUP} commits past it as soon as the broker acknowledged the replay. A record that fails
 * again is dead-lettered again, as a new dead letter, and waits for the next replay.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Send each dead letter not replayed before back to its origin topic (dead-letter headers removed).")
final class ReplayDeadLettersCommand implements Callable<Integer> {

    static final String GROUP = "newsroom-dead-letters-replay";

    @Mixin
    DeadLettersCommand.Target target = new DeadLettersCommand.Target();

    @Option(names = "--group", defaultValue = GROUP,
            description = "Consumer group that remembers what was replayed (default: ${DEFAULT-VALUE}).")
    String group;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers);
        // set explicitly, as everywhere in Newsroom: a replay must not be lost nor duplicated by the producer
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int replayed = 0;
        int skipped = 0;
        try (DeadLetterTopics topics = new DeadLetterTopics(target.bootstrapServers, target.topics(), group);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                     new ByteArraySerializer())) {
            List<ConsumerRecord<String, byte[]>> records = topics.readToEnd();
            for (ConsumerRecord<String, byte[]> record : records) {
                DeadLetter letter = DeadLetter.of(record);
                if (letter.originTopic() == null) {
                    err.println("skipped " + record.topic() + "@" + record.offset() + ": no " + EventHeaders.DEAD_LETTER_TOPIC
                            + " header says where it came from");
                    skipped++;
                } else {
                    producer.send(new ProducerRecord<>(letter.originTopic(), null, record.key(), record.value(),
                            withoutDeadLetterHeaders(record))).get(60, TimeUnit.SECONDS);
                    out.println("replayed " + record.topic() + "@" + record.offset() + " key=" + record.key() + " to "
                            + letter.originTopic());
                    replayed++;
                }
                // after the acknowledgement: a replay interrupted just here sends this one again next time
                topics.commit(record);
            }
        }
        out.println(replayed + " dead letter(s) replayed" + (skipped == 0 ? "" : ", " + skipped + " skipped"));
        return skipped == 0 ? 0 : 1;
    }

    static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(EventHeaders.DEAD_LETTER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }
}
