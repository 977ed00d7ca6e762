package dev.newsroom.e2e;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The stack with {@code n} instances of each service, in the same consumer groups, on Kafka and PostgreSQL
 * of its own (topics of {@link Infrastructure#TEST_PARTITIONS} partitions). The instances of one service
 * start together; consumers before the front door.
 */
final class ScaledNewsroom implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    final Infrastructure infrastructure = Infrastructure.throwaway();
    final List<ServiceProcess> articles = new ArrayList<>();
    final List<ServiceProcess> ranking = new ArrayList<>();
    final List<ServiceProcess> ingest = new ArrayList<>();

    ScaledNewsroom(String testName, int n) {
        Path root = ServiceProcess.projectRoot();
        Path logs = root.resolve("end-to-end-tests/target/e2e-logs/" + testName);
        Map<String, String> config = new LinkedHashMap<>(infrastructure.serviceConfig());
        config.put("newsroom.ingest.token", Newsroom.TOKEN);
        try {
            articles.addAll(startAll(root, "article-service", n, withQuickFailover(config, "articles-ranked"), logs));
            ranking.addAll(startAll(root, "ranking-service", n, withExactLookups(withQuickFailover(config, "articles-ingested")), logs));
            ingest.addAll(startAll(root, "ingest-service", n, config, logs));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Ranking's candidate lookups unbounded and every backlink in an article's record, as ranking-service's
     * ScaleOutIT runs it: then what ranking computes does not depend on the order articles arrive in, which
     * the number of instances and partitions changes (the default bounds trade that exactness for speed: a
     * candidate near the cut may be found from one end of a pair and not from the other).
     */
    private static Map<String, String> withExactLookups(Map<String, String> config) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("newsroom.ranking.index.query-terms", "1000");
        c.put("newsroom.ranking.index.candidates", "1000000");
        c.put("newsroom.ranking.index.postings-per-term", "100000000");
        c.put("newsroom.ranking.related.fan-out", "1000");
        return c;
    }

    /** A killed instance's partitions go to the survivor after 8 s instead of 45 (the broker's minimum is 6 s). */
    private static Map<String, String> withQuickFailover(Map<String, String> config, String channel) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "8000");
        c.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "2000");
        return c;
    }

    private static List<ServiceProcess> startAll(Path root, String module, int n, Map<String, String> config, Path logs) {
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = module + "-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> ServiceProcess.start(root, module, name, config, logs,
                    READY_TIMEOUT)));
        }
        List<ServiceProcess> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ServiceProcess> s : starting) {
            try {
                started.add(s.join());
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            started.forEach(ServiceProcess::close);
            throw failure;
        }
        return started;
    }

    /** {@code kill -9}: the instance gets no chance to finish, commit or leave its group. */
    static void kill(ServiceProcess service) {
        ProcessHandle.of(service.pid()).ifPresent(ProcessHandle::destroyForcibly);
        service.close(); // waits until it is gone
    }

    @Override
    public void close() {
        try {
            ingest.forEach(ServiceProcess::close);
            ranking.forEach(ServiceProcess::close);
            articles.forEach(ServiceProcess::close);
        } finally {
            infrastructure.close();
        }
    }
}
