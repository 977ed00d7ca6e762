package dev.newsroom.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Creates a topic, reads what is on one right now (from the beginning to the current end), and writes to one: for tests and tools. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Creates a topic of {@code partitions} partitions, one replica, default settings (a test's own topic), and
     * returns once the leader of every partition acts as its leader ({@link KafkaTopics#awaitLeaders}).
     */
    public static void create(String bootstrapServers, String topic, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            KafkaTopics.awaitLeaders(admin, Map.of(topic, partitions));
        }
    }

    /**
     * A producer of string records that waits for every in-sync replica, never writes a record twice and keeps
     * the records of a partition in the order they were sent.
     */
    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(producerSettings(bootstrapServers), new StringSerializer(), new StringSerializer());
    }

    private static Properties producerSettings(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // One request at a time. With several in flight, a batch refused with NOT_LEADER_OR_FOLLOWER (a partition
        // whose leader is only just taking over) is sent again after later batches of the same partition, which the
        // new leader took: it knew no sequence of this producer yet, so it accepted theirs. The retried batch then
        // has a sequence below what the leader expects and is refused with OUT_OF_ORDER_SEQUENCE_NUMBER on every try
        // until it expires (delivery.timeout.ms, 120 s). A CI run failed so, and a loop of create-and-send on a
        // starved machine did it 7 times in 15 minutes.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return props;
    }

    /** The sum of the topic's end offsets, as a consumer sees them: what a reader starting now at 0 reads. */
    public static long endOffsetSum(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, new StringDeserializer())) {
            return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** {@link #send(String, String, String, String)} of a value as bytes, exactly as given (UTF-8 or not). */
    public static void send(String bootstrapServers, String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, topic, new StringDeserializer());
    }

    /** {@link #readAll(String, String)} with the values read by {@code values} (as bytes, say). */
    public static <V> List<ConsumerRecord<String, V>> readAll(String bootstrapServers, String topic, Deserializer<V> values) {
        try (KafkaConsumer<String, V> consumer = consumer(bootstrapServers, values)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A consumer in no group, committing nothing: it reads where it is told to. */
    private static <V> KafkaConsumer<String, V> consumer(String bootstrapServers, Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
