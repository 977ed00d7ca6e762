package dev.newsroom.e2e;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The whole stack for one test class: real Kafka and PostgreSQL, and the three packaged services. */
final class Newsroom implements AutoCloseable {

    static final String TOKEN = "e2e-token";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final Infrastructure infrastructure = Infrastructure.forTests();
    final ServiceProcess ingest;
    final ServiceProcess ranking;
    final ServiceProcess articles;

    Newsroom(String testName) {
        Path root = ServiceProcess.projectRoot();
        Path logs = root.resolve("end-to-end-tests/target/e2e-logs/" + testName);
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("newsroom.ingest.token", TOKEN);
        articles = ServiceProcess.start(root, "article-service", "article-service", config, logs, READY_TIMEOUT);
        ranking = ServiceProcess.start(root, "ranking-service", "ranking-service", config, logs, READY_TIMEOUT);
        ingest = ServiceProcess.start(root, "ingest-service", "ingest-service", config, logs, READY_TIMEOUT);
    }

    @Override
    public void close() {
        ingest.close();
        ranking.close();
        articles.close();
    }
}
