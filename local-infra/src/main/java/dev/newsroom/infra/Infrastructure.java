package dev.newsroom.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Kafka and PostgreSQL together, as the services need them, with the configuration keys that point a
 * service at them. One instance per test JVM ({@link #forTests()}), or a durable one for the local run.
 */
public final class Infrastructure implements AutoCloseable {

    /** The ports {@link #freePort} has handed out in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int MAX_PORT_ATTEMPTS = 1_000;

    public static final String DATABASE = "newsroom";
    public static final int TEST_PARTITIONS = 4;

    private static Infrastructure shared;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Path dataDir;
    private final boolean throwaway;

    private Infrastructure(KafkaBroker kafka, PostgresServer postgres, Path dataDir, boolean throwaway) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.throwaway = throwaway;
    }

    /**
     * The test JVM's infrastructure: started on first use on free ports (so it never collides with a
     * running {@code ./newsroom up}), in a temporary folder deleted when the JVM ends.
     */
    public static synchronized Infrastructure forTests() {
        if (shared == null) {
            shared = throwaway();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "newsroom-test-infra-stop"));
        }
        return shared;
    }

    /**
     * A pair of its own for one group of tests whose data must not meet another's (end-to-end tests that
     * load the same samples): free ports, a temporary folder; {@link #close} stops both and deletes it.
     */
    public static Infrastructure throwaway() {
        return throwaway(false);
    }

    /**
     * As {@link #throwaway()}; with {@code brokerInOwnProcess} the Kafka broker runs in a child JVM that a
     * fault test can kill with SIGKILL ({@link KafkaBroker#kill()}).
     */
    public static Infrastructure throwaway(boolean brokerInOwnProcess) {
        try {
            Path dir = Files.createTempDirectory("newsroom-test-infra");
            KafkaBroker kafka = (brokerInOwnProcess
                    ? KafkaBroker.inOwnProcess(dir.resolve("kafka"), freePort(), freePort(), Map.of())
                    : new KafkaBroker(dir.resolve("kafka"), freePort(), freePort(), Map.of())).start();
            try {
                KafkaTopics.ensureArticleTopics(kafka.bootstrapServers(), TEST_PARTITIONS);
                PostgresServer postgres = PostgresServer.start(dir.resolve("postgres"), freePort(), false);
                postgres.createDatabase(DATABASE);
                return new Infrastructure(kafka, postgres, dir, true);
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The durable infrastructure of {@code ./newsroom up}: fixed ports, data kept in {@code dataDir}. */
    public static Infrastructure durable(Path dataDir, int kafkaPort, int controllerPort, int postgresPort,
                                         int partitions) {
        KafkaBroker kafka = new KafkaBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort, Map.of()).start();
        try {
            KafkaTopics.ensureArticleTopics(kafka.bootstrapServers(), partitions);
            PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), postgresPort, true);
            postgres.createDatabase(DATABASE);
            return new Infrastructure(kafka, postgres, dataDir, false);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The configuration keys (Quarkus names) that point a service at this infrastructure. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        return config;
    }

    @Override
    public synchronized void close() {
        try {
            kafka.close();
        } finally {
            try {
                postgres.close();
            } finally {
                if (throwaway) {
                    deleteRecursively(dataDir);
                }
            }
        }
    }

    /**
     * A port free now that this JVM has not handed out before. The system may give a port it just gave again
     * (the socket that asked for it is closed at once), and two ports asked for one after the other, before
     * either is bound, then collide: a broker's listener and its controller once got the same port and the
     * broker did not start. So each port is handed out once per JVM.
     */
    public static int freePort() {
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
            if (attempt == MAX_PORT_ATTEMPTS) {
                throw new IllegalStateException("no port this JVM has not handed out already, in " + attempt + " tries");
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test run for
        }
    }
}
