package dev.newsroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.ConsumerLag;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.EventTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replay of the store (issue 13, part 3): the article store rebuilt from Kafka alone, by the command
 * {@code ./newsroom replay-store} runs ({@code newsroom replay-store reset}, a restart of article-service,
 * {@code newsroom replay-store await}), serves exactly what it served before, read through the REST API.
 */
class ReplayIT {

    private static Newsroom newsroom;
    private static ServiceProcess replayed;

    @BeforeAll
    static void startNewsroom() {
        newsroom = new Newsroom("replay");
    }

    @AfterAll
    static void stopNewsroom() {
        if (replayed != null) {
            replayed.close();
        }
        if (newsroom != null) {
            newsroom.close();
        }
    }

    @Test
    void shouldRebuildTheSameStoreFromKafkaIntoAnEmptyDatabase() throws Exception {
        String bootstrap = newsroom.infrastructure.kafka().bootstrapServers();
        Path logs = newsroom.ingest.log().getParent();
        run(logs.resolve("cli-ingest.log"), "ingest", "--url", newsroom.ingest.baseUrl(), "--token", Newsroom.TOKEN,
                "--quiet", Samples.root().toString());
        Set<String> ids = TopicRecords.readAll(bootstrap, EventTopics.INGESTED).stream().map(r -> r.key())
                .collect(Collectors.toCollection(TreeSet::new));
        try (ConsumerLag lag = new ConsumerLag(bootstrap)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(lag::pipelineIdle);
        }
        StoreSnapshot before = StoreSnapshot.take(newsroom.articles.baseUrl(), ids);
        assertThat(before.live()).as("articles served before the replay").isGreaterThan(200);
        assertThat(before.stories()).isNotEmpty();
        int ordered = HeatOrder.assertFollowsTheFormula(newsroom.articles.baseUrl());
        assertThat(ordered).as("live articles ordered by heat").isEqualTo(before.live());

        // the reset refuses while article-service is a member of its group
        String[] reset = resetArguments(bootstrap);
        assertThat(runFor(logs.resolve("cli-reset-refused.log"), reset)).isEqualTo(2);

        newsroom.articles.close();
        // the group empties once the stopped member left it (at once for a graceful stop)
        await().atMost(Duration.ofSeconds(60)).until(() -> runFor(logs.resolve("cli-reset.log"), reset) == 0);
        assertThat(tablesLeft()).as("tables left in the emptied database").isZero();

        long started = System.nanoTime();
        Map<String, String> config = new LinkedHashMap<>(newsroom.infrastructure.serviceConfig());
        replayed = ServiceProcess.start(ServiceProcess.projectRoot(), "article-service", "article-service-replayed",
                config, logs, Duration.ofSeconds(120));
        run(logs.resolve("cli-await.log"), "replay-store", "await", "--bootstrap-servers", bootstrap, "--timeout", "PT3M");
        System.out.printf("ReplayIT: %d articles (%d live) and %d stories replayed from %s in %d ms%n", ids.size(),
                before.live(), before.stories().size(), EventTopics.RANKED,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

        StoreSnapshot after = StoreSnapshot.take(replayed.baseUrl(), ids);
        assertThat(after.differencesFrom(before, 5)).as("differences after the replay").isEmpty();
        assertThat(after).isEqualTo(before);
        HeatOrder.assertFollowsTheFormula(replayed.baseUrl());
    }

    private String[] resetArguments(String bootstrap) {
        Map<String, String> db = newsroom.infrastructure.serviceConfig();
        return new String[] {"replay-store", "reset", "--bootstrap-servers", bootstrap,
                "--jdbc-url", db.get("quarkus.datasource.jdbc.url"), "--user", db.get("quarkus.datasource.username"),
                "--password", db.get("quarkus.datasource.password")};
    }

    private static long tablesLeft() throws Exception {
        Map<String, String> db = newsroom.infrastructure.serviceConfig();
        try (Connection c = DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
             ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            long n = 0;
            while (tables.next()) {
                n++;
            }
            return n;
        }
    }

    private static void run(Path log, String... args) throws Exception {
        int exit = runFor(log, args);
        assertThat(exit).as("newsroom %s exited with %d: %s", List.of(args), exit, Files.readString(log)).isZero();
    }

    private static int runFor(Path log, String... args) throws Exception {
        Process cli = Newsroom.cli(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(cli.waitFor(5, TimeUnit.MINUTES)).as("newsroom %s finished; see %s", List.of(args), log).isTrue();
        return cli.exitValue();
    }
}
