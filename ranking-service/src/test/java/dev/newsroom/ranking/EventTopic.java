package dev.newsroom.ranking;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** A topic of articles.ingested's shape for one test, on the test broker: events keyed by article id, as ingest sends them. */
record EventTopic(String kafka, String name) {

    /** Creates a new topic, named {@code prefix} and a random suffix, with the test partitions. */
    static EventTopic create(String prefix) throws Exception {
        EventTopic topic = new EventTopic(Infrastructure.forTests().kafka().bootstrapServers(), prefix + "." + UUID.randomUUID());
        TopicRecords.create(topic.kafka, topic.name, Infrastructure.TEST_PARTITIONS);
        return topic;
    }

    /** An idempotent producer that waits for every replica. */
    KafkaProducer<String, String> producer() {
        return TopicRecords.producer(kafka);
    }

    /**
     * Sends the events in order through one producer and waits for the broker to acknowledge each (a refusal is
     * thrown); returns the offset after the last one, by partition.
     */
    Map<TopicPartition, Long> send(List<ArticleEvent> events) throws Exception {
        Map<TopicPartition, Long> after = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ArticleEvent e : events) {
                sent.add(producer.send(new ProducerRecord<>(name, e.articleId(), Json.write(e))));
            }
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                after.merge(new TopicPartition(m.topic(), m.partition()), m.offset() + 1, Math::max);
            }
        }
        return after;
    }

    /** The sum of the topic's end offsets: what a feed starting now reads. */
    long records() {
        return TopicRecords.endOffsetSum(kafka, name);
    }
}
