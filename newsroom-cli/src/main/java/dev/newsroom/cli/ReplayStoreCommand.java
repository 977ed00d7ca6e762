package dev.newsroom.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsroom replay-store reset|await}: the two steps around a restart of article-service that rebuild
 * its store from {@code articles.ranked} ({@code ./newsroom replay-store} runs all three). See
 * {@link StoreReplay}.
 */
@Command(name = "replay-store", mixinStandardHelpOptions = true,
        description = "Rebuild the article store from Kafka: 'reset' (article-service stopped) empties the database "
                + "and moves the article-service consumer group to the beginning of articles.ranked; start "
                + "article-service again, then 'await' waits until it has caught up.",
        subcommands = {ReplayStoreCommand.Reset.class, ReplayStoreCommand.Await.class})
final class ReplayStoreCommand {

    /** Where Kafka is and which group to move. */
    static class Target {

        @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:${env:NEWSROOM_KAFKA_PORT:-9092}",
                description = "Kafka (default: ${DEFAULT-VALUE}).")
        String bootstrapServers;

        @Option(names = "--group", defaultValue = StoreReplay.GROUP,
                description = "article-service's consumer group (default: ${DEFAULT-VALUE}).")
        String group;

        PrintStream out = System.out;
        PrintStream err = System.err;
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Drop and recreate the store's schema and move the group to the beginning of articles.ranked "
                    + "(refused while any article-service instance runs).")
    static final class Reset extends Target implements Callable<Integer> {

        @Option(names = "--jdbc-url",
                defaultValue = "${env:QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://127.0.0.1:${env:NEWSROOM_POSTGRES_PORT:-5432}/newsroom}",
                description = "article-service's database (default: ${DEFAULT-VALUE}).")
        String jdbcUrl;

        @Option(names = "--user", defaultValue = "${env:QUARKUS_DATASOURCE_USERNAME:-postgres}",
                description = "database user, owner of the schema (default: ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--password", defaultValue = "${env:QUARKUS_DATASOURCE_PASSWORD:-postgres}",
                description = "database password (default: env QUARKUS_DATASOURCE_PASSWORD, else postgres).")
        String password;

        @Option(names = "--schema", defaultValue = "public",
                description = "schema article-service's Flyway migrates (default: ${DEFAULT-VALUE}).")
        String schema;

        @Override
        public Integer call() throws Exception {
            try (StoreReplay replay = new StoreReplay(bootstrapServers, group)) {
                Map<TopicPartition, Long> moved = replay.reset(jdbcUrl, user, password, schema);
                out.println("emptied schema " + schema + " of " + jdbcUrl + "; group " + group + " moved to the beginning of "
                        + moved.size() + " partition(s) of articles.ranked");
                return 0;
            } catch (IllegalStateException e) {
                err.println("newsroom replay-store: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "await", mixinStandardHelpOptions = true,
            description = "Wait until the group's committed offsets reach the end articles.ranked had when the wait began.")
    static final class Await extends Target implements Callable<Integer> {

        @Option(names = "--timeout", defaultValue = "PT30M",
                description = "give up after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            try (StoreReplay replay = new StoreReplay(bootstrapServers, group)) {
                return replay.awaitCaughtUp(timeout, out) ? 0 : 1;
            }
        }
    }
}
