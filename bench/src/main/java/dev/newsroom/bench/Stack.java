package dev.newsroom.bench;

import dev.newsroom.infra.AppCdsTraining;
import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.JvmOptions;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.model.event.EventTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Newsroom as `./newsroom up` runs it — durable Kafka and PostgreSQL (fsync on) and the three packaged
 * services with the same JVM options ({@link JvmOptions}) — on free ports in a temporary folder.
 */
final class Stack implements AutoCloseable {

    static final String TOKEN = "bench-token";
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration REBUILD = Duration.ofMinutes(20);

    final Infrastructure infrastructure;
    private final Path root;
    private final Path logs;
    private final Path work;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();

    Stack(Path root, Path work) {
        this.root = root;
        this.logs = work.resolve("logs");
        this.work = work;
        this.infrastructure = Infrastructure.durable(work.resolve("data"), Infrastructure.freePort(),
                Infrastructure.freePort(), Infrastructure.freePort(), 4);
        // an interrupted benchmark (Ctrl-C) leaves no service running
        Runtime.getRuntime().addShutdownHook(new Thread(() -> services.values().forEach(ServiceProcess::close)));
        for (String module : List.of("article-service", "ranking-service", "ingest-service")) {
            // as `./newsroom up` does: an archive from a run of this package, before anything is stored
            AppCdsTraining.trainIfNeeded(root, module, config(), logs, READY);
            start(module);
        }
    }

    /** (Re)starts a service; returns the milliseconds from launching its JVM to its readiness. */
    long start(String module) {
        return start(module, READY);
    }

    private long start(String module, Duration ready) {
        ServiceProcess old = services.remove(module);
        if (old != null) {
            old.close();
        }
        long t0 = System.nanoTime();
        ServiceProcess process = ServiceProcess.start(root, module, module + "-" + System.currentTimeMillis(), JvmOptions.of(root, module),
                config(), logs, ready);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        services.put(module, process);
        readyMillis.put(module, millis);
        return millis;
    }

    private Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("newsroom.ingest.token", TOKEN);
        config.put("newsroom.ranking.index.path", work.resolve("ranking-index").toString()); // beside this run's Kafka
        config.put("newsroom.ingest.versions.snapshot", work.resolve("ingest-versions.snapshot").toString());
        return config;
    }

    /**
     * Stops ranking-service, deletes its index and starts it again: it rebuilds the index from
     * {@code articles.ingested}. Returns the milliseconds from launching its JVM to its readiness, which
     * it reports once the rebuild has caught up with the topic.
     */
    long rebuildRanking() throws IOException {
        ServiceProcess old = services.remove("ranking-service");
        if (old != null) {
            old.close();
        }
        Path index = work.resolve("ranking-index");
        if (Files.exists(index)) {
            try (Stream<Path> paths = Files.walk(index)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return start("ranking-service", REBUILD); // ready once the rebuild caught up: minutes at 100,000
    }

    Path root() {
        return root;
    }

    ServiceProcess service(String module) {
        return services.get(module);
    }

    String ingestUrl() {
        return service("ingest-service").baseUrl();
    }

    String articlesUrl() {
        return service("article-service").baseUrl();
    }

    Map<String, ServiceProcess> services() {
        return services;
    }

    /** The end offset of each partition of {@code topic}: where the next record of each will be written. */
    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            return endOffsets(admin, topic);
        }
    }

    /** The JDBC address of the services' database (user and password {@link dev.newsroom.infra.PostgresServer#USER}). */
    String jdbcUrl() {
        return infrastructure.postgres().jdbcUrl(Infrastructure.DATABASE);
    }

    /**
     * Waits until both consumer groups have committed everything on their topics: visible articles can
     * still be followed by their neighbours' re-rankings, and reads measured while those are stored would
     * measure the writes as much as the reads.
     */
    void awaitIdlePipeline(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (lag(admin, "ranking-service", EventTopics.INGESTED) + lag(admin, "article-service", EventTopics.RANKED) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the pipeline was still busy after " + timeout);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Records of {@code topic} that {@code group} has not committed yet. */
    long lag(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            return lag(admin, group, topic);
        }
    }

    private Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        return Admin.create(config);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static long lag(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, topic).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        infrastructure.close();
    }
}
