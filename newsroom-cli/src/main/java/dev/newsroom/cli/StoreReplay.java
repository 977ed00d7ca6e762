package dev.newsroom.cli;

import dev.newsroom.model.event.EventTopics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Rebuilding the article store from Kafka alone: {@code articles.ranked} holds (compacted) the latest
 * ranked record of every article and every ranking and story update after it, which is all article-service
 * ever stores. So an empty schema plus the {@code article-service} consumer group moved back to the
 * beginning of the topic ends with the same articles, heat, links and stories.
 *
 * <p>The group's offsets can only be moved while it has no member (Kafka refuses otherwise), so
 * article-service must be stopped for {@link #reset}; it is started again afterwards and
 * {@link #awaitCaughtUp} waits until its committed offsets reach what the topic held.
 */
final class StoreReplay implements AutoCloseable {

    static final String GROUP = "article-service";
    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final String group;

    StoreReplay(String bootstrapServers, String group) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        this.group = group;
    }

    /** The members of the group now (none when every article-service instance is stopped). */
    Collection<MemberDescription> members() throws Exception {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(java.util.List.of(group)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(group);
            return d == null ? java.util.List.of() : d.members();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return java.util.List.of();
            }
            throw e;
        }
    }

    /**
     * Drops and recreates {@code schema} (article-service's Flyway migrates it again at start), then moves
     * the group to the beginning of {@code articles.ranked}. Refuses while the group has members.
     *
     * @return the partitions moved and their new offsets
     */
    Map<TopicPartition, Long> reset(String jdbcUrl, String user, String password, String schema) throws Exception {
        Collection<MemberDescription> members = members();
        if (!members.isEmpty()) {
            throw new IllegalStateException("the consumer group '" + group + "' still has " + members.size()
                    + " member(s) (" + members.stream().map(MemberDescription::host).collect(Collectors.joining(", "))
                    + "): stop every article-service instance first");
        }
        emptySchema(jdbcUrl, user, password, schema);
        Map<TopicPartition, Long> beginning = offsets(OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        beginning.forEach((tp, offset) -> moved.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, moved).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return beginning;
    }

    static void emptySchema(String jdbcUrl, String user, String password, String schema) throws SQLException {
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
            c.commit();
        }
    }

    /**
     * Waits until the group's committed offsets reach the end offsets {@code articles.ranked} had when the
     * wait began (records arriving meanwhile are not waited for), printing progress; false on timeout.
     */
    boolean awaitCaughtUp(Duration timeout, java.io.PrintStream out) throws Exception {
        Map<TopicPartition, Long> target = offsets(OffsetSpec.latest());
        long total = target.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastPrinted = 0;
        while (true) {
            long lag = lag(target);
            if (lag == 0) {
                out.println("caught up: " + total + " record offset(s) of " + EventTopics.RANKED + " stored");
                return true;
            }
            if (System.nanoTime() > deadline) {
                out.println("not caught up within " + timeout.toSeconds() + " s: lag " + lag);
                return false;
            }
            if (System.nanoTime() - lastPrinted > TimeUnit.SECONDS.toNanos(5)) {
                out.println("lag " + lag + " of " + total);
                lastPrinted = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }

    /** Records of {@code target} not yet committed by the group (a partition it never committed counts whole). */
    long lag(Map<TopicPartition, Long> target) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> beginning = offsets(OffsetSpec.earliest());
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long first = beginning.getOrDefault(e.getKey(), 0L);
            long position = c == null ? first : Math.max(first, c.offset());
            lag += Math.max(0, e.getValue() - position);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) throws Exception {
        var partitions = admin.describeTopics(java.util.List.of(EventTopics.RANKED)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(EventTopics.RANKED).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(EventTopics.RANKED, p.partition()), spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
