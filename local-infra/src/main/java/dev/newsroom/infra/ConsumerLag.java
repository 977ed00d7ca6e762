package dev.newsroom.infra;

import dev.newsroom.model.event.EventTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group's committed offsets are behind a topic's end: the records it has not yet
 * durably processed (the services commit only after the effect is durable). For tests and benchmarks that
 * wait until the pipeline has nothing left to do.
 */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
    }

    /** Records of {@code topic} that {@code group} has not committed (a partition never committed counts whole). */
    public long of(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description.partitions().forEach(p -> {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            });
            var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            var starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata c = committed.get(tp);
                long first = starts.get(tp).offset();
                long position = c == null ? first : Math.max(first, c.offset());
                lag += Math.max(0, ends.get(tp).offset() - position);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the lag of " + group + " on " + topic, e);
        }
    }

    /** True when ranking and storing have both caught up with everything ingested so far. */
    public boolean pipelineIdle() {
        // ranking first: it commits only after its output was acknowledged, so what it produced is then on
        // articles.ranked before the store's lag is read
        return of("ranking-service", EventTopics.INGESTED) == 0 && of("article-service", EventTopics.RANKED) == 0;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
