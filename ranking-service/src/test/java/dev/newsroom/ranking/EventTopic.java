package dev.newsroom.ranking;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A topic of articles.ingested's shape for one test, on the test broker: events keyed by article id, as ingest sends them. */
record EventTopic(String kafka, String name) {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    /** Creates a new topic, named {@code prefix} and a random suffix, with the test partitions. */
    static EventTopic create(String prefix) throws Exception {
        EventTopic topic = new EventTopic(Infrastructure.forTests().kafka().bootstrapServers(), prefix + "." + UUID.randomUUID());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topic.kafka);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic.name, Infrastructure.TEST_PARTITIONS, (short) 1))).all().get();
        }
        return topic;
    }

    /** An idempotent producer that waits for every replica. */
    KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
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

    /** The sum of the topic's end offsets, as a consumer sees them: what a feed starting now reads. */
    long records() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, WITHIN).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            return consumer.endOffsets(partitions, WITHIN).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
