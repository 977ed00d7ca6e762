package dev.newsroom.e2e;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomCli;
import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole stack for one test class: real Kafka and PostgreSQL of its own (so that no class depends on what
 * another one ingested before it, in whatever order they run), and the three packaged services.
 */
final class Newsroom implements AutoCloseable {

    static final String TOKEN = "e2e-token";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final Infrastructure infrastructure;
    // not final: a fault test kills a service and starts it again (same port, same configuration)
    volatile ServiceProcess ingest;
    volatile ServiceProcess ranking;
    volatile ServiceProcess articles;

    Newsroom(String testName) {
        this(testName, false);
    }

    /** With {@code brokerInOwnProcess}, the broker runs in a child JVM that a test can kill with SIGKILL. */
    Newsroom(String testName, boolean brokerInOwnProcess) {
        infrastructure = Infrastructure.throwaway(brokerInOwnProcess);
        Path root = ServiceProcess.projectRoot();
        Path logs = root.resolve("end-to-end-tests/target/e2e-logs/" + testName);
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("newsroom.ingest.token", TOKEN);
        List<ServiceProcess> started = new ArrayList<>();
        try {
            articles = started(started, ServiceProcess.start(root, "article-service", "article-service", config, logs,
                    READY_TIMEOUT));
            ranking = started(started, ServiceProcess.start(root, "ranking-service", "ranking-service", config, logs,
                    READY_TIMEOUT));
            ingest = started(started, ServiceProcess.start(root, "ingest-service", "ingest-service", config, logs,
                    READY_TIMEOUT));
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            infrastructure.close();
            throw e;
        }
    }

    /** Kills ingest-service with SIGKILL and starts it again; returns once it is ready. */
    void killAndRestartIngest() {
        ingest.kill();
        ingest = ingest.restart(READY_TIMEOUT);
    }

    /** Kills ranking-service with SIGKILL and starts it again; returns once it is ready. */
    void killAndRestartRanking() {
        ranking.kill();
        ranking = ranking.restart(READY_TIMEOUT);
    }

    /** Kills article-service with SIGKILL and starts it again; returns once it is ready. */
    void killAndRestartArticles() {
        articles.kill();
        articles = articles.restart(READY_TIMEOUT);
    }

    private static ServiceProcess started(List<ServiceProcess> started, ServiceProcess service) {
        started.add(service);
        return service;
    }

    /** The packaged command line with {@code args}, run as `./newsroom` runs it ({@link NewsroomCli}). */
    static ProcessBuilder cli(String... args) {
        return NewsroomCli.process(ServiceProcess.projectRoot(), args);
    }

    @Override
    public void close() {
        try {
            ingest.close();
            ranking.close();
            articles.close();
        } finally {
            infrastructure.close();
        }
    }
}
