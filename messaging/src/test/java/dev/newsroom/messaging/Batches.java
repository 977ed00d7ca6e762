package dev.newsroom.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** Consumer batches built by hand, as the connector hands them over. */
final class Batches {

    private Batches() {
    }

    static ConsumerRecord<String, String> record(int partition, long offset, String value) {
        return new ConsumerRecord<>("articles.ranked", partition, offset, "key-" + value, value);
    }

    @SafeVarargs
    static ConsumerRecords<String, String> of(ConsumerRecord<String, String>... records) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>()).add(r);
        }
        return new ConsumerRecords<>(byPartition, Map.of());
    }
}
