package dev.newsroom.bench;

import dev.newsroom.infra.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical limits our figures are compared with, measured on the same infrastructure in the same
 * run: Kafka records of 2 KB per second with acks=all, and PostgreSQL article-shaped rows per second,
 * batched and committed one by one.
 */
final class LimitsBench {

    static final String SECTION = "limits";

    private final Infrastructure infrastructure;

    LimitsBench(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    record Limits(double kafkaRecordsPerSecond, double postgresBatchedRowsPerSecond, double postgresRowByRowPerSecond) {
    }

    Limits run(List<Figure> figures) throws Exception {
        double kafka = kafkaRecordsPerSecond(200_000, 2048);
        double batched = postgresRowsPerSecond(100_000, 500);
        double rowByRow = postgresRowsPerSecond(10_000, 1);
        figures.add(Figure.context(SECTION, "Kafka, 2 KB records, acks=all, idempotent", kafka, "records/s",
                "one producer, 200,000 records, linger 5 ms, lz4"));
        figures.add(Figure.context(SECTION, "PostgreSQL, article-shaped rows, batched upsert", batched, "rows/s",
                "INSERT ... ON CONFLICT DO UPDATE, 500 rows per batch and transaction, fsync on"));
        figures.add(Figure.context(SECTION, "PostgreSQL, article-shaped rows, one commit per row", rowByRow, "rows/s",
                "same statement, autocommit"));
        return new Limits(kafka, batched, rowByRow);
    }

    private double kafkaRecordsPerSecond(int records, int size) throws Exception {
        String bootstrap = infrastructure.kafka().bootstrapServers();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic("bench.limits", 4, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String value = Corpus.realisticJson(size);
        CountDownLatch done = new CountDownLatch(records);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("bench.limits", "warm", value)).get();
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("bench.limits", Integer.toHexString(i), value), (m, e) -> {
                    if (e != null) {
                        failure.set(e);
                    }
                    done.countDown();
                });
            }
            done.await();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }

    private double postgresRowsPerSecond(int rows, int batch) throws SQLException {
        String url = infrastructure.postgres().jdbcUrl(Infrastructure.DATABASE);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_limits");
                s.execute("create table bench_limits (id varchar(16) primary key, version bigint not null, "
                        + "title text not null, published_at timestamptz not null, heat int not null, document text not null)");
            }
            c.setAutoCommit(batch == 1);
            String document = Corpus.realisticJson(2048);
            List<String> ids = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                ids.add(String.format("%016x", (long) i * 0x9E3779B97F4A7C15L));
            }
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("insert into bench_limits values (?, 1, ?, now(), ?, ?) "
                    + "on conflict (id) do update set version = excluded.version, title = excluded.title, "
                    + "heat = excluded.heat, document = excluded.document")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, ids.get(i));
                    insert.setString(2, "A title of a realistic length for a news article, number " + i);
                    insert.setInt(3, i % 150);
                    insert.setString(4, document);
                    if (batch == 1) {
                        insert.executeUpdate();
                    } else {
                        insert.addBatch();
                        if ((i + 1) % batch == 0 || i == rows - 1) {
                            insert.executeBatch();
                            c.commit();
                        }
                    }
                }
            }
            double perSecond = rows / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_limits");
            }
            return perSecond;
        }
    }
}
