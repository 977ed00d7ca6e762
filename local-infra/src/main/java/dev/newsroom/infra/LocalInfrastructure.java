package dev.newsroom.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code ./newsroom up}: a Kafka broker and PostgreSQL with data kept
 * between runs. Writes {@code <data>/infra.ready} once both accept connections and stops both cleanly
 * on SIGTERM.
 *
 * <p>Settings (system properties, defaulted as below): {@code newsroom.data} ({@code .newsroom/data}),
 * {@code newsroom.kafka.port} (9092), {@code newsroom.kafka.controller-port} (9093),
 * {@code newsroom.postgres.port} (5432), {@code newsroom.kafka.partitions} (4).
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path data = Path.of(System.getProperty("newsroom.data", ".newsroom/data")).toAbsolutePath();
        int kafkaPort = Integer.getInteger("newsroom.kafka.port", 9092);
        int controllerPort = Integer.getInteger("newsroom.kafka.controller-port", 9093);
        int postgresPort = Integer.getInteger("newsroom.postgres.port", 5432);
        int partitions = Integer.getInteger("newsroom.kafka.partitions", 4);
        Path ready = data.resolve("infra.ready");
        Files.createDirectories(data);
        Files.deleteIfExists(ready);

        long started = System.nanoTime();
        Infrastructure infrastructure = Infrastructure.durable(data, kafkaPort, controllerPort, postgresPort, partitions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping Kafka and PostgreSQL");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the marker is advisory
            }
            infrastructure.close();
            stopped.countDown();
        }, "newsroom-infra-stop"));

        String summary = String.format("kafka=%s postgres=%s ready in %d ms",
                infrastructure.kafka().bootstrapServers(), infrastructure.postgres().jdbcUrl(Infrastructure.DATABASE),
                (System.nanoTime() - started) / 1_000_000);
        Files.writeString(ready, summary + "\n");
        System.out.println("READY " + summary);
        stopped.await();
    }
}
