package dev.newsroom.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (the version the Quarkus BOM manages) in KRaft mode, one node acting as
 * broker and controller, running inside this JVM or, for fault tests, in a child JVM of its own
 * ({@link #inOwnProcess}) that {@link #kill()} ends with SIGKILL, as {@code kill -9} would. Storage is
 * formatted on first start and reused after, so a broker can be stopped (or killed) and started again on
 * the same data (and the same ports).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration CHILD_START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final boolean ownProcess;
    private KafkaRaftServer server;
    private Process child;

    public KafkaBroker(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        this(dataDir, port, controllerPort, overrides, false);
    }

    private KafkaBroker(Path dataDir, int port, int controllerPort, Map<String, String> overrides, boolean ownProcess) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
        this.ownProcess = ownProcess;
    }

    /**
     * A broker that runs in a child JVM (this JVM's classpath, main {@link #main}), so that a test can kill
     * it with SIGKILL mid-write, as a crash would. The child ends by itself when this JVM ends (it watches
     * its standard input), so no broker outlives its test.
     */
    public static KafkaBroker inOwnProcess(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        return new KafkaBroker(dataDir, port, controllerPort, overrides, true);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null || (child != null && child.isAlive());
    }

    /** The broker's process id when it runs in a process of its own, else this JVM's. */
    public synchronized long pid() {
        return child != null ? child.pid() : ProcessHandle.current().pid();
    }

    public synchronized KafkaBroker start() {
        if (ownProcess) {
            return startChild();
        }
        if (server != null) {
            return this;
        }
        Properties properties = properties();
        Path logDir = dataDir.resolve("log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(properties);
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        return this;
    }

    /** Stops the broker and waits until it is down; the data stays for the next {@link #start()}. */
    public synchronized void stop() {
        if (child != null) {
            child.destroy(); // SIGTERM: the child's shutdown hook stops the broker cleanly
            if (child.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).join() == null) {
                child.destroyForcibly();
                child.onExit().join();
            }
            child = null;
            return;
        }
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /**
     * Kills the broker with SIGKILL ({@code kill -9}): no shutdown, no flush, no controlled leadership
     * move; the next {@link #start()} recovers its logs as after a crash. Only for a broker in its own process.
     */
    public synchronized void kill() {
        if (!ownProcess) {
            throw new IllegalStateException("an in-process broker cannot be killed; use KafkaBroker.inOwnProcess");
        }
        if (child != null) {
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            child.onExit().join();
            child = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private KafkaBroker startChild() {
        if (child != null && child.isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path ready = dataDir.resolve("broker.ready");
            Files.deleteIfExists(ready);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", System.getProperty("java.class.path"),
                    KafkaBroker.class.getName(),
                    dataDir.toString(), Integer.toString(port), Integer.toString(controllerPort)));
            overrides.forEach((key, value) -> command.add(key + "=" + value));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                    .start();
            child = process;
            long deadline = System.nanoTime() + CHILD_START_TIMEOUT.toNanos();
            while (!Files.exists(ready)) {
                if (!process.isAlive()) {
                    child = null;
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("broker.log"));
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    child = null;
                    throw new IllegalStateException("the Kafka broker did not start within " + CHILD_START_TIMEOUT
                            + "; see " + dataDir.resolve("broker.log"));
                }
                process.onExit().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS).join();
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The child JVM of {@link #inOwnProcess}: {@code DATA_DIR PORT CONTROLLER_PORT [key=value...]}. Writes
     * {@code DATA_DIR/broker.ready} once started, stops cleanly on SIGTERM, and halts when its standard
     * input ends (its parent is gone), so that it never outlives the JVM that launched it.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> overrides = new java.util.LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Path dataDir = Path.of(args[0]);
        KafkaBroker broker = new KafkaBroker(dataDir, Integer.parseInt(args[1]), Integer.parseInt(args[2]), overrides);
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        Files.writeString(dataDir.resolve("broker.ready"), "pid " + ProcessHandle.current().pid() + "\n");
        System.out.println("READY kafka " + broker.bootstrapServers());
        while (System.in.read() >= 0) {
            // the parent never writes; end of input means it is gone
        }
        System.out.println("parent gone: halting the broker");
        Runtime.getRuntime().halt(1);
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("log").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are infrastructure: KafkaTopics creates them, a typo in a channel fails loudly.
        p.setProperty("auto.create.topics.enable", "false");
        overrides.forEach(p::setProperty);
        return p;
    }

    private void format(Properties properties) {
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                properties.store(w, "written by KafkaBroker for the storage format step");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int status = StorageTool.execute(new String[] {"format", "--standalone", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
