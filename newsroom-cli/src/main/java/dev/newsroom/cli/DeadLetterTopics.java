package dev.newsroom.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads dead-letter topics, their values as the bytes they are (a dead letter may be bytes that are not UTF-8),
 * from a start (the beginning, or a consumer group's committed offsets) to the
 * end they had when reading began: records dead-lettered again while a replay runs wait for the next one.
 */
final class DeadLetterTopics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    /** @param group the consumer group whose committed offsets to start from, or null to read from the beginning */
    DeadLetterTopics(String bootstrapServers, List<String> topics, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("no topic " + topic + " on " + bootstrapServers);
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            if (group != null) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
                committed.forEach((partition, offset) -> {
                    if (offset != null) {
                        consumer.seek(partition, offset.offset());
                    }
                });
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Every record from the start to the end each partition has now, in offset order per partition. */
    List<ConsumerRecord<String, byte[]>> readToEnd() {
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, TIMEOUT));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read the dead-letter topics to their end within " + TIMEOUT);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    /** Marks everything up to and including this record as done for the group. */
    void commit(ConsumerRecord<String, byte[]> record) {
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)), TIMEOUT);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
