package dev.newsroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.model.Article;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack recovers by itself: the real {@code ./newsroom} script, on a state folder and ports of
 * its own (so it never meets a user's running {@code ./newsroom up}), has its launcher (the process that
 * runs Kafka and PostgreSQL) killed with {@code kill -9} in the middle of an ingest, and {@code up} is run
 * again. First with the launcher's watchdog killed too, so that PostgreSQL is left behind as in issue 13
 * (and a crashed service's pid file names an unrelated live process): {@code status} says what it found,
 * {@code up} stops the leftover PostgreSQL, leaves the unrelated process alone and starts the rest. Then the
 * launcher alone: its watchdog stops PostgreSQL, which never outlives it. Every acknowledged article is
 * stored once, in its newest version.
 */
class LocalStackRecoveryIT {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private static Path root;
    private static Path state;
    private static Map<String, String> env;
    private static int postgresPort;
    private static int ingestPort;
    private static int articlePort;
    private static Process unrelated;

    @BeforeAll
    static void upOnPortsOfItsOwn() throws Exception {
        root = ServiceProcess.projectRoot();
        for (String jar : List.of("local-infra/target/local-infra-1.0.0-SNAPSHOT.jar", "newsroom-cli/target/newsroom-cli.jar",
                "article-service/target/article-service-runner.jar", "ranking-service/target/ranking-service-runner.jar",
                "ingest-service/target/ingest-service-runner.jar")) {
            assertThat(root.resolve(jar)).as("packaged before this test (./mvnw package)").isRegularFile();
        }
        state = Files.createTempDirectory("newsroom-state");
        postgresPort = Infrastructure.freePort();
        ingestPort = Infrastructure.freePort();
        articlePort = Infrastructure.freePort();
        env = Map.of("NEWSROOM_STATE", state.toString(),
                "NEWSROOM_KAFKA_PORT", Integer.toString(Infrastructure.freePort()),
                "NEWSROOM_KAFKA_CONTROLLER_PORT", Integer.toString(Infrastructure.freePort()),
                "NEWSROOM_POSTGRES_PORT", Integer.toString(postgresPort),
                "NEWSROOM_ARTICLE_PORT", Integer.toString(articlePort),
                "NEWSROOM_INGEST_PORT", Integer.toString(ingestPort),
                "NEWSROOM_RANKING_PORT", Integer.toString(Infrastructure.freePort()),
                "NEWSROOM_INGEST_TOKEN", Newsroom.TOKEN,
                "JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(newsroom("up", 0)).contains("Newsroom is up");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (env != null) {
                newsroom("down", null);
            }
        } finally {
            if (unrelated != null) {
                unrelated.destroyForcibly();
            }
            if (state != null) {
                try (Stream<Path> paths = Files.walk(state)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void shouldRecoverByItselfWhenTheLauncherIsKilledInTheMiddleOfAnIngest() throws Exception {
        List<Article> articles = FaultCorpus.generate("launcher-killed", 800);
        Publisher publisher = new Publisher(() -> "http://127.0.0.1:" + ingestPort).holdBefore(8);
        CompletableFuture<Void> publishing = publisher.publishInBackground(articles, 40);
        // mid-ingest: 320 of 800 acknowledged and being stored, the rest sent while the launcher is gone
        await().atMost(Duration.ofMinutes(3)).until(() -> publisher.isHeldBefore(8));
        await().atMost(Duration.ofMinutes(3)).until(() -> !StoreCheck.versions(jdbcUrl(), publisher.acknowledged.keySet()).isEmpty());

        // the whole launcher goes: its watchdog first (else it would stop PostgreSQL), then the launcher itself
        long postgres = postmasterPid();
        kill9(pid("watchdog"));
        kill9(pid("infra"));
        // and ranking-service crashed too, its pid taken since by an unrelated program
        kill9(pid("ranking"));
        unrelated = new ProcessBuilder("sleep", "600").start();
        Files.writeString(state.resolve("pids/ranking.pid"), unrelated.pid() + "\n");
        assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive)).as("PostgreSQL outlived its launcher").contains(true);
        publisher.release();

        String status = newsroom("status", null);
        assertThat(status).contains("postgres   left behind by a crashed run (pid " + postgres)
                .contains("will be stopped by up")
                .containsPattern("infra +crashed")
                .contains("pid " + unrelated.pid() + ", which is now another program");

        String up = newsroom("up", 0);
        assertThat(up).contains("left behind by a crashed run (pid " + postgres).contains("Newsroom is up");
        assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false)).as("the old PostgreSQL").isFalse();
        assertThat(unrelated.isAlive()).as("the unrelated process whose pid was in a pid file").isTrue();

        publishing.get(5, TimeUnit.MINUTES);
        assertNothingLostNorDoubled("launcher killed (kill -9)", publisher);

        // the launcher alone: its watchdog stops PostgreSQL, which never outlives it
        long second = postmasterPid();
        kill9(pid("infra"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false));
        assertThat(newsroom("status", null)).containsPattern("infra +crashed").doesNotContain("postgres   left behind");
        assertThat(newsroom("up", 0)).contains("Newsroom is up").doesNotContain("postgres   left behind");
        assertNothingLostNorDoubled("launcher killed, watchdog on", publisher);
    }

    private static void assertNothingLostNorDoubled(String faultCase, Publisher publisher) {
        Map<String, Long> acknowledged = Map.copyOf(publisher.acknowledged);
        StoreCheck check = StoreCheck.awaitComplete(jdbcUrl(), "http://127.0.0.1:" + articlePort, "", acknowledged,
                Duration.ofMinutes(4)).print(faultCase, publisher.sent.get(), publisher.started);
        assertThat(check.lost()).as("acknowledged but not stored").isZero();
        assertThat(check.storedInNewestVersion()).isEqualTo(acknowledged.size());
        assertThat(check.duplicates()).as("listed more than once").isZero();
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + Infrastructure.DATABASE;
    }

    private static long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(state.resolve("pids/" + name + ".pid")).strip());
    }

    private static long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(state.resolve("data/postgres/postmaster.pid")).get(0).strip());
    }

    private static void kill9(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -9 %d", pid).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Runs {@code ./newsroom ARGS} with this test's state and ports; checks its exit code unless null. */
    private static String newsroom(String command, Integer expectedExit) throws Exception {
        Path log = Files.createTempFile(state, "newsroom-" + command, ".log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("newsroom").toString(), command)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean ended = process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String output = Files.readString(log);
        System.out.printf("[launcher] ./newsroom %s%n%s", command, output.indent(4));
        assertThat(ended).as("./newsroom %s ended within %s", command, SCRIPT_TIMEOUT).isTrue();
        if (expectedExit != null) {
            assertThat(process.exitValue()).as("./newsroom %s: %s", command, output).isEqualTo(expectedExit);
        }
        return output;
    }
}
