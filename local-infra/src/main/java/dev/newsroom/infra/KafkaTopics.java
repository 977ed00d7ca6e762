package dev.newsroom.infra;

import dev.newsroom.model.event.EventTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Newsroom's topics (see {@link EventTopics}): the two article topics compacted, so that the
 * latest version of every article stays readable forever and a new ranking instance can rebuild its
 * index from them; the dead-letter topics with time-based retention (30 days). Topics that exist are left
 * as they are.
 */
public final class KafkaTopics {

    /** How long {@link #awaitLeaders} waits for every new partition's leader to act. */
    private static final Duration LEADERS_WITHIN = Duration.ofSeconds(60);

    /**
     * How the topics are laid out. {@code partitions} (article topics; the dead-letter topics get one) bounds
     * how many instances of a consuming service share the work; {@code replicationFactor} copies of each
     * partition, of which {@code minInsyncReplicas} must have a record before a producer with
     * {@code acks=all} is told it is written. On one broker both are 1 (and {@code acks=all} then means only
     * "on that broker's disk"); on three brokers, 3 and 2: any one broker can be lost without losing an
     * acknowledged record or stopping writes.
     */
    public record Settings(int partitions, short replicationFactor, int minInsyncReplicas) {

        public Settings {
            if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("need partitions >= 1 and 1 <= min.insync.replicas <= replication factor, got "
                        + partitions + "/" + replicationFactor + "/" + minInsyncReplicas);
            }
        }

        /**
         * {@code partitions} with the replication read from the system properties
         * {@code newsroom.kafka.replication-factor} and {@code newsroom.kafka.min-insync-replicas} (both 1 by default).
         */
        public static Settings of(int partitions) {
            return new Settings(partitions, Short.parseShort(System.getProperty("newsroom.kafka.replication-factor", "1")),
                    Integer.getInteger("newsroom.kafka.min-insync-replicas", 1));
        }
    }

    private KafkaTopics() {
    }

    /**
     * Creates the topics on any Kafka, a cluster included ({@code ./newsroom create-topics}). System properties:
     * {@code newsroom.kafka.bootstrap-servers} (127.0.0.1:9092), {@code newsroom.kafka.partitions} (4),
     * {@code newsroom.kafka.replication-factor} (1), {@code newsroom.kafka.min-insync-replicas} (1).
     */
    public static void main(String[] args) {
        String bootstrap = System.getProperty("newsroom.kafka.bootstrap-servers", "127.0.0.1:9092");
        Settings settings = Settings.of(Integer.getInteger("newsroom.kafka.partitions", 4));
        List<String> created = ensureArticleTopics(bootstrap, settings);
        System.out.println((created.isEmpty() ? "every topic existed already" : "created " + String.join(", ", created))
                + " on " + bootstrap + " (partitions " + settings.partitions() + ", replication factor "
                + settings.replicationFactor() + ", min.insync.replicas " + settings.minInsyncReplicas() + ")");
    }

    public static void ensureArticleTopics(String bootstrapServers, int partitions) {
        ensureArticleTopics(bootstrapServers, Settings.of(partitions));
    }

    /** Creates the topics missing on {@code bootstrapServers}; returns the names of those it created. */
    public static List<String> ensureArticleTopics(String bootstrapServers, Settings settings) {
        String minIsr = Integer.toString(settings.minInsyncReplicas());
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.2",
                "segment.ms", "3600000", "min.insync.replicas", minIsr);
        Map<String, String> deadLetters = Map.of("cleanup.policy", "delete", "retention.ms", "2592000000",
                "min.insync.replicas", minIsr);
        short rf = settings.replicationFactor();
        List<NewTopic> topics = List.of(
                new NewTopic(EventTopics.INGESTED, settings.partitions(), rf).configs(compacted),
                new NewTopic(EventTopics.RANKED, settings.partitions(), rf).configs(compacted),
                new NewTopic(EventTopics.INGESTED_DEAD_LETTER, 1, rf).configs(deadLetters),
                new NewTopic(EventTopics.RANKED_DEAD_LETTER, 1, rf).configs(deadLetters));
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().collect(Collectors.toMap(NewTopic::name, NewTopic::numPartitions)));
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics on " + bootstrapServers, e.getCause());
            }
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }

    /**
     * Returns once the leader of every partition of {@code partitionsByTopic} acts as its leader. A new topic's
     * metadata names a leader a moment before that broker takes the partition on, and a write in that moment is
     * refused with NOT_LEADER_OR_FOLLOWER. A service that starts right after the topics are created, or a test that
     * sends at once, would meet it; an idempotent producer with several requests in flight can then be stuck until
     * its records expire (see {@link TopicRecords#producer}). Only the acting leader answers a list-offsets request,
     * so its answer is the signal. The admin client retries a leader that is not acting yet, but not a topic its
     * broker has no metadata for yet (UNKNOWN_TOPIC_OR_PARTITION: 13 times in 200 creations on a starved machine), so
     * a retriable refusal is asked again here, for up to a minute.
     */
    public static void awaitLeaders(Admin admin, Map<String, Integer> partitionsByTopic)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        partitionsByTopic.forEach((topic, partitions) -> {
            for (int p = 0; p < partitions; p++) {
                ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        while (true) {
            try {
                admin.listOffsets(ends).all().get(LEADERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the partitions of " + partitionsByTopic.keySet()
                            + " had no acting leader within " + LEADERS_WITHIN.toSeconds() + " s", e.getCause());
                }
                Thread.sleep(20);
            }
        }
    }
}
