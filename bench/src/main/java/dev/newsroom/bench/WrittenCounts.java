package dev.newsroom.bench;

import dev.newsroom.infra.PostgresServer;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.RankedKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What one run wrote, counted rather than inferred: the records and value bytes it added to
 * {@code articles.ingested} and {@code articles.ranked} (the latter by kind of key: whole article,
 * {@code ranking:}, {@code story:}; {@link RankedKeys}), and the rows PostgreSQL's statistics say were
 * inserted, updated and deleted in each table of the services' database.
 *
 * <p>{@link #start} before the run notes each partition's end offset and the table counters, and starts one
 * plain consumer (no group, read_uncommitted: the services do not write transactionally) that reads both
 * topics from those offsets while the run goes on; {@link Tail#finish} once the pipeline is idle reads on to
 * the end offsets of that moment, and waits (bounded) for PostgreSQL's counters to stop moving. The records
 * are read while they are written, not afterwards, because both topics are compacted with
 * {@code segment.ms} one hour: a run longer than that could see superseded records cleaned away before a
 * read after it. Value bytes are the records' serialized values (JSON, before the producers' lz4
 * compression), tombstones count 0.
 */
final class WrittenCounts {

    /** How long PostgreSQL's counters must stay unchanged to count as settled (a backend flushes its own within 10 s when idle). */
    private static final Duration PG_QUIET = Duration.ofSeconds(12);
    /** The longest the counters are waited for; past it, the figures say they were still moving. */
    private static final Duration PG_SETTLE_AT_MOST = Duration.ofMinutes(2);
    /** The longest the consumer may read nothing while records are still missing before it gives up. */
    private static final Duration STALLED = Duration.ofMinutes(1);

    /** Records and the bytes of their values. */
    record Written(long records, long valueBytes) {
    }

    /** A table's row counters in {@code pg_stat_user_tables} (n_tup_ins, n_tup_upd, n_tup_del), or their change. */
    record Rows(long inserted, long updated, long deleted) {
        long total() {
            return inserted + updated + deleted;
        }

        Rows minus(Rows before) {
            return new Rows(inserted - before.inserted, updated - before.updated, deleted - before.deleted);
        }
    }

    /** What {@link Tail#finish} counted. */
    record Counts(Written ingested, Map<RankedKeys.Kind, Written> ranked, Map<String, Rows> tables,
                  boolean tablesSettled, double settleSeconds) {

        Written rankedTotal() {
            return new Written(ranked.values().stream().mapToLong(Written::records).sum(),
                    ranked.values().stream().mapToLong(Written::valueBytes).sum());
        }

        Rows tablesTotal() {
            return new Rows(tables.values().stream().mapToLong(Rows::inserted).sum(),
                    tables.values().stream().mapToLong(Rows::updated).sum(),
                    tables.values().stream().mapToLong(Rows::deleted).sum());
        }
    }

    private WrittenCounts() {
    }

    /** Notes where both topics end and what the tables' counters say, and starts reading what comes after. */
    static Tail start(Stack stack) throws Exception {
        Map<TopicPartition, Long> from = new HashMap<>(stack.endOffsets(EventTopics.INGESTED));
        from.putAll(stack.endOffsets(EventTopics.RANKED));
        Tail tail = new Tail(stack, from, settledRows(stack.jdbcUrl()).rows());
        tail.thread.start();
        return tail;
    }

    /** The consumer that counts the run's records while they are written; {@link #finish} ends it. */
    static final class Tail {

        private final Stack stack;
        private final Map<TopicPartition, Long> from;
        private final Map<String, Rows> tablesBefore;
        private final Thread thread;
        private final long[] ingested = new long[2];
        private final Map<RankedKeys.Kind, long[]> ranked = new EnumMap<>(RankedKeys.Kind.class);
        /** The end offsets to read up to, once the run is over; null while it goes on. */
        private volatile Map<TopicPartition, Long> until;
        private volatile Exception failure;

        private Tail(Stack stack, Map<TopicPartition, Long> from, Map<String, Rows> tablesBefore) {
            this.stack = stack;
            this.from = from;
            this.tablesBefore = tablesBefore;
            for (RankedKeys.Kind kind : RankedKeys.Kind.values()) {
                ranked.put(kind, new long[2]);
            }
            this.thread = new Thread(this::read, "written-counts");
            this.thread.setDaemon(true);
        }

        /**
         * Call once the pipeline is idle (every record the run caused is written and stored): reads on to the
         * topics' current ends, then waits for PostgreSQL's counters to settle, and returns the differences.
         */
        Counts finish() throws Exception {
            Map<TopicPartition, Long> end = new HashMap<>(stack.endOffsets(EventTopics.INGESTED));
            end.putAll(stack.endOffsets(EventTopics.RANKED));
            until = end;
            thread.join();
            if (failure != null) {
                throw failure;
            }
            Settled after = settledRows(stack.jdbcUrl());
            Map<String, Rows> tables = new TreeMap<>();
            after.rows().forEach((table, rows) -> {
                Rows delta = rows.minus(tablesBefore.getOrDefault(table, new Rows(0, 0, 0)));
                if (delta.total() != 0) {
                    tables.put(table, delta);
                }
            });
            Map<RankedKeys.Kind, Written> byKind = new EnumMap<>(RankedKeys.Kind.class);
            ranked.forEach((kind, tally) -> byKind.put(kind, new Written(tally[0], tally[1])));
            return new Counts(new Written(ingested[0], ingested[1]), byKind, tables, after.settled(), after.seconds());
        }

        private void read() {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure.kafka().bootstrapServers());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            // big, infrequent fetches: this consumer runs beside the measured pipeline and should cost it little
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(1 << 20));
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1000");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.assign(new ArrayList<>(from.keySet()));
                from.forEach(consumer::seek);
                long lastProgress = System.nanoTime();
                while (true) {
                    Map<TopicPartition, Long> end = until;
                    if (end != null && reached(consumer, end)) {
                        return;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        count(record, end);
                    }
                    if (!records.isEmpty() || end == null) {
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                        throw new IllegalStateException("read nothing for " + STALLED + " with records still missing up to " + end);
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        }

        private void count(ConsumerRecord<String, byte[]> record, Map<TopicPartition, Long> end) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Long last = end == null ? null : end.get(partition);
            if (last != null && record.offset() >= last) {
                return; // written after the run (nothing should be, but it would not be the run's)
            }
            long[] tally = record.topic().equals(EventTopics.INGESTED) ? ingested : ranked.get(RankedKeys.kindOf(record.key()));
            tally[0]++;
            tally[1] += Math.max(0, record.serializedValueSize());
        }
    }

    /** The tables' counters once they stopped moving, or as they were when waiting for that gave up. */
    private record Settled(Map<String, Rows> rows, boolean settled, double seconds) {
    }

    /**
     * Reads {@code pg_stat_user_tables} every second until it has not changed for {@link #PG_QUIET}, at most
     * {@link #PG_SETTLE_AT_MOST}. PostgreSQL's statistics are cumulative and asynchronous: each backend keeps
     * its counts and flushes them at most once a second, or when it goes idle; {@code pg_stat_clear_snapshot()}
     * makes each read see the shared counters of that moment.
     */
    private static Settled settledRows(String jdbcUrl) throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD)) {
            long start = System.nanoTime();
            Map<String, Rows> last = tableRows(connection);
            long unchangedSince = System.nanoTime();
            while (true) {
                Thread.sleep(1000);
                Map<String, Rows> now = tableRows(connection);
                if (!now.equals(last)) {
                    last = now;
                    unchangedSince = System.nanoTime();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (System.nanoTime() - unchangedSince >= PG_QUIET.toNanos()) {
                    return new Settled(last, true, seconds);
                }
                if (System.nanoTime() - start >= PG_SETTLE_AT_MOST.toNanos()) {
                    return new Settled(last, false, seconds);
                }
            }
        }
    }

    private static Map<String, Rows> tableRows(Connection connection) throws SQLException {
        Map<String, Rows> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet r = statement.executeQuery(
                    "select schemaname, relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
                while (r.next()) {
                    String table = "public".equals(r.getString(1)) ? r.getString(2) : r.getString(1) + "." + r.getString(2);
                    rows.put(table, new Rows(r.getLong(3), r.getLong(4), r.getLong(5)));
                }
            }
        }
        return rows;
    }

    /**
     * The figures of one run of {@code articles} ingested articles of {@code corpus}: records and value bytes
     * per ingested article on each topic and kind, the ranked total against its target (at most 1.2), and rows
     * written per ingested article, in all and per table. {@code perSecond} (the run's sustained rate) and
     * {@code limits} put the ranked records' rate beside what Kafka and PostgreSQL take at most.
     */
    static List<Figure> figures(String section, String corpus, int articles, Counts counts, double perSecond,
                                LimitsBench.Limits limits) {
        String of = " (" + corpus + " corpus)";
        List<Figure> figures = new ArrayList<>();
        String read = "counted by a consumer from the offsets before the run to the ends once the pipeline was idle";
        figures.add(Figure.context(section, "articles.ingested records per ingested article" + of,
                (double) counts.ingested().records() / articles, "records",
                String.format("%,d records for %,d articles; %s", counts.ingested().records(), articles, read)));
        figures.add(Figure.context(section, "articles.ingested bytes per ingested article" + of,
                (double) counts.ingested().valueBytes() / articles, "bytes",
                String.format("%,d bytes of record values (JSON, before lz4)", counts.ingested().valueBytes())));
        Written ranked = counts.rankedTotal();
        double rankedPerSecond = perSecond * ranked.records() / articles;
        figures.add(Figure.atMost(section, "ranked records per ingested article" + of, (double) ranked.records() / articles,
                "records", 1.2, String.format("articles.ranked, %,d records: %s; %s. At the sustained rate %,.0f ranked"
                        + " records/s, %.0f%% of PostgreSQL's batched limit and %.0f%% of Kafka's", ranked.records(),
                        byKind(counts, articles), read, rankedPerSecond,
                        100 * rankedPerSecond / limits.postgresBatchedRowsPerSecond(),
                        100 * rankedPerSecond / limits.kafkaRecordsPerSecond())));
        figures.add(Figure.context(section, "articles.ranked bytes per ingested article" + of,
                (double) ranked.valueBytes() / articles, "bytes",
                String.format("%,d bytes of record values (JSON, before lz4), all kinds", ranked.valueBytes())));
        for (RankedKeys.Kind kind : RankedKeys.Kind.values()) {
            Written written = counts.ranked().get(kind);
            String label = "articles.ranked " + kindLabel(kind);
            figures.add(Figure.context(section, label + " records per ingested article" + of,
                    (double) written.records() / articles, "records", String.format("%,d records, key %s", written.records(),
                            keyForm(kind))));
            figures.add(Figure.context(section, label + " bytes per ingested article" + of,
                    (double) written.valueBytes() / articles, "bytes", String.format("%,d bytes of record values,"
                            + " %,.0f per record", written.valueBytes(), written.records() == 0 ? 0.0
                            : (double) written.valueBytes() / written.records())));
        }
        Rows total = counts.tablesTotal();
        String settled = counts.tablesSettled()
                ? String.format("counters unchanged for %d s (settled %.0f s after the pipeline was idle)", PG_QUIET.toSeconds(), counts.settleSeconds())
                : String.format("counters still moving after %.0f s: a lower bound", counts.settleSeconds());
        figures.add(Figure.context(section, "PostgreSQL rows written per ingested article" + of,
                (double) total.total() / articles, "rows", String.format("%s; change of n_tup_ins + n_tup_upd + n_tup_del"
                        + " in pg_stat_user_tables over the run, all tables; %s", rows(total), settled)));
        counts.tables().forEach((table, rows) -> figures.add(Figure.context(section,
                "PostgreSQL rows written per ingested article, table " + table + of, (double) rows.total() / articles,
                "rows", rows(rows))));
        return figures;
    }

    private static String kindLabel(RankedKeys.Kind kind) {
        return switch (kind) {
            case ARTICLE -> "whole-article";
            case RANKING -> "ranking-update";
            case STORY -> "story";
        };
    }

    private static String keyForm(RankedKeys.Kind kind) {
        return switch (kind) {
            case ARTICLE -> "{articleId}"; // braces, not angle brackets: notes end up in a Markdown table
            case RANKING -> RankedKeys.ranking("{articleId}");
            case STORY -> RankedKeys.story("{storyId}");
        };
    }

    private static String byKind(Counts counts, int articles) {
        List<String> parts = new ArrayList<>();
        for (RankedKeys.Kind kind : RankedKeys.Kind.values()) {
            Written written = counts.ranked().get(kind);
            parts.add(String.format("%s (key %s): %,d = %.2f per article", kindLabel(kind), keyForm(kind),
                    written.records(), (double) written.records() / articles));
        }
        return String.join(", ", parts);
    }

    private static String rows(Rows rows) {
        return String.format("%,d inserted, %,d updated, %,d deleted", rows.inserted(), rows.updated(), rows.deleted());
    }
}
