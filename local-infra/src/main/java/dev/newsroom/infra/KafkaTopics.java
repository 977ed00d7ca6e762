package dev.newsroom.infra;

import dev.newsroom.model.event.EventTopics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Newsroom's topics (see {@link EventTopics}): the two article topics compacted, so that the
 * latest version of every article stays readable forever and a new ranking instance can rebuild its
 * index from them; the dead-letter topics with time-based retention (30 days).
 */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static void ensureArticleTopics(String bootstrapServers, int partitions) {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.2",
                "segment.ms", "3600000");
        Map<String, String> deadLetters = Map.of("cleanup.policy", "delete", "retention.ms", "2592000000");
        List<NewTopic> topics = List.of(
                new NewTopic(EventTopics.INGESTED, partitions, (short) 1).configs(compacted),
                new NewTopic(EventTopics.RANKED, partitions, (short) 1).configs(compacted),
                new NewTopic(EventTopics.INGESTED_DEAD_LETTER, 1, (short) 1).configs(deadLetters),
                new NewTopic(EventTopics.RANKED_DEAD_LETTER, 1, (short) 1).configs(deadLetters));
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics on " + bootstrapServers, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }
}
