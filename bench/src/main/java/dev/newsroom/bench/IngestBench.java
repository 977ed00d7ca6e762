package dev.newsroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.infra.NewsroomCli;
import dev.newsroom.model.Article;
import dev.newsroom.model.event.EventTopics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end ingest, whole stack on this machine: files posted until visible through the article API.
 * Sustained throughput uses the real CLI (`newsroom ingest`, multipart batches) on a corpus of
 * {@link #corpora} and counts what the run wrote on each topic and in PostgreSQL ({@link WrittenCounts});
 * latency posts single files at a fixed rate and watches the newest-first list for each to appear.
 */
final class IngestBench {

    static final String SECTION = "ingest";

    private final Path root;
    private final Stack stack;
    private final Path work;

    /** How long the sustained run waits for every posted article to be visible before it gives up. */
    private static final Duration VISIBLE_WITHIN = Duration.ofMinutes(Integer.getInteger("bench.visible-minutes", 40));
    /** How long the sustained run then waits for the pipeline to be idle (every re-ranking stored) before it counts. */
    private static final Duration IDLE_WITHIN = Duration.ofMinutes(20);
    /** The rate and length of the pre-warm before a latency run, and what its articles' seeds are offset by. */
    private static final int PRE_WARM_RATE = 100;
    private static final int PRE_WARM_SECONDS = 20;
    private static final long PRE_WARM_SEED = 1_000_000;
    static final String GENERATED = "generated";
    static final String REALISTIC = "realistic";

    IngestBench(Path root, Stack stack, Path work) {
        this.root = root;
        this.stack = stack;
        this.work = work;
    }

    /**
     * Posts {@code count} articles of {@code corpus} ({@link #articles}) with the CLI, waits until article-service
     * counts them all and then until the pipeline is idle, and counts what the run wrote ({@link WrittenCounts}):
     * records and bytes on both topics, rows in PostgreSQL, per ingested article. Every figure names the corpus.
     */
    void sustained(String corpus, int count, List<Figure> figures, LimitsBench.Limits limits) throws Exception {
        String of = " (" + corpus + " corpus)";
        Path dir = work.resolve("files-" + corpus + "-" + count);
        List<Article> articles = articles(corpus, count);
        for (int i = 0; i < articles.size(); i++) {
            Path file = dir.resolve(String.format("%03d/%06d.md", i / 1000, i));
            Files.createDirectories(file.getParent());
            Files.write(file, Corpus.file(articles.get(i).toBuilder().published(true).build()));
        }
        WrittenCounts.Tail written = WrittenCounts.start(stack);
        long before = Http.liveArticles(stack.articlesUrl());
        CpuShares cpu = CpuShares.of(stack);
        long start = System.nanoTime();
        Path log = work.resolve("cli-" + corpus + "-" + count + ".log");
        Process cli = NewsroomCli.process(root, "ingest", "--quiet", "--url", stack.ingestUrl(), "--token", Stack.TOKEN,
                        dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (cli.waitFor() != 0) {
            throw new IllegalStateException("the CLI failed; see " + log);
        }
        double acceptedSeconds = (System.nanoTime() - start) / 1e9;
        // where the queue is when the front door is done: before ranking, or between ranking and storage
        long rankingBacklog = stack.lag("ranking-service", EventTopics.INGESTED);
        long storageBacklog = stack.lag("article-service", EventTopics.RANKED);
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (Http.liveArticles(stack.articlesUrl()) < before + count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all " + count + " articles became visible within "
                        + VISIBLE_WITHIN.toMinutes() + " minutes (-Dbench.visible-minutes)");
            }
            Thread.sleep(200);
        }
        double visibleSeconds = (System.nanoTime() - start) / 1e9;
        List<CpuShares.Share> shares = cpu.finish();
        // visible articles can still be followed by their neighbours' re-rankings: the counts wait for those too
        stack.awaitIdlePipeline(IDLE_WITHIN);
        double idleSeconds = (System.nanoTime() - start) / 1e9;
        WrittenCounts.Counts counts = written.finish();
        double sustained = count / visibleSeconds;
        figures.add(Figure.context(SECTION, "accepted by ingest-service (CLI, " + String.format("%,d", count) + " files)" + of,
                count / acceptedSeconds, "articles/s", "newsroom ingest: multipart batches of 100, 4 in flight; 200 with every file accepted"));
        figures.add(Figure.atLeast(SECTION, "sustained, posted until visible (" + String.format("%,d", count) + " articles)" + of,
                sustained, "articles/s", 3000, String.format("%.1f s from the first post until article-service counted them all"
                        + " (%.1f s until the pipeline was idle); %.0f%% of Kafka's limit, %.0f%% of PostgreSQL's batched limit",
                        visibleSeconds, idleSeconds, 100 * sustained / limits.kafkaRecordsPerSecond(),
                        100 * sustained / limits.postgresBatchedRowsPerSecond())));
        figures.addAll(WrittenCounts.figures(SECTION, corpus, count, counts, sustained, limits));
        String when = String.format("when the CLI had posted all %,d (%.1f s after the first post)", count, acceptedSeconds);
        figures.add(Figure.context(SECTION, "backlog before ranking-service (articles.ingested)" + of, rankingBacklog,
                "records", "consumer lag of ranking-service's group " + when));
        figures.add(Figure.context(SECTION, "backlog before article-service (articles.ranked)" + of, storageBacklog,
                "records", "consumer lag of article-service's group " + when));
        figures.addAll(cpuFigures("CPU until visible: ", shares, visibleSeconds, of));
    }

    /** The corpora the sustained run posts, from {@code -Dbench.corpus}: generated (the default), realistic or both. */
    static List<String> corpora() {
        String corpus = System.getProperty("bench.corpus", GENERATED);
        return switch (corpus) {
            case GENERATED, REALISTIC -> List.of(corpus);
            case "both" -> List.of(GENERATED, REALISTIC);
            default -> throw new IllegalArgumentException("-Dbench.corpus=" + corpus + ": generated, realistic or both");
        };
    }

    /**
     * {@code count} articles of {@code corpus}: {@link Corpus#generate} (real files with titles recombined at
     * random, no stories by design, times over 30 days) or {@link RealisticCorpus#generate} (stories of real
     * news's sizes, times over 6 weeks).
     */
    static List<Article> articles(String corpus, int count) {
        return switch (corpus) {
            case GENERATED -> Corpus.generate(count, 1, Instant.now());
            case REALISTIC -> RealisticCorpus.generate(count, 1, Instant.now());
            default -> throw new IllegalArgumentException("unknown corpus " + corpus);
        };
    }

    /**
     * Single files at {@code perSecond} for {@code seconds}, onto the stack holding {@code corpus}: latency
     * from the POST until the article is in {@code GET /articles?sort=newest}, watched by one reader
     * ({@link #watchNewest}: polling each id separately would load the article service with hundreds of
     * requests per second of its own).
     */
    void latency(int perSecond, int seconds, String corpus, List<Figure> figures) throws Exception {
        latency(perSecond, seconds, corpus, figures, 1000 + perSecond);
    }

    /**
     * {@link #latency(int, int, String, List)} with articles of another seed (a second run on the same stack posts
     * new ones). The run is measured on warm services: first {@value #PRE_WARM_SECONDS} s of single files at a rate
     * the pipeline sustains (at most {@value #PRE_WARM_RATE}/s), until all are visible and no consumer lags, then
     * 5 s at the rate that are not measured. A stack freshly filled by the CLI has compiled the paths of batches,
     * not of single files: at 300/s its JIT compilers took a sixth of the machine, and the queue that made in the
     * first seconds was still draining when the run ended (BENCHMARKS.md, "fourteenth pass").
     */
    void latency(int perSecond, int seconds, String corpus, List<Figure> figures, long seed) throws Exception {
        measure(Math.min(perSecond, PRE_WARM_RATE), PRE_WARM_SECONDS, corpus, new ArrayList<>(), seed + PRE_WARM_SEED, "");
        stack.awaitIdlePipeline(IDLE_WITHIN);
        measure(perSecond, seconds, corpus, figures, seed, String.format(" (after a pre-warm at up to %d/s for %d s,"
                + " drained)", PRE_WARM_RATE, PRE_WARM_SECONDS));
    }

    /**
     * The latency run itself, on the services as they are (LatencyProbe's rounds: the first after a start shows
     * the warm-up): 5 s at the rate, not measured, then {@code seconds} measured. {@code before} says in the
     * figures' note what ran before it (empty: nothing).
     */
    void measure(int perSecond, int seconds, String corpus, List<Figure> figures, long seed, String before) throws Exception {
        int warmup = perSecond * 5;
        int total = warmup + perSecond * seconds;
        List<Article> articles = new ArrayList<>(Corpus.generate(total, seed, Instant.now()));
        Map<String, Long> posted = new ConcurrentHashMap<>();
        NavigableSet<Pending> unseen = new ConcurrentSkipListSet<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        Map<String, Integer> indexOf = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean watching = new AtomicBoolean(true);
        WatcherLoad load = new WatcherLoad();
        Thread watcher = new Thread(() -> watchNewest(unseen, seen, watching, failures, load), "newest-watcher");
        watcher.start();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService workers = Executors.newFixedThreadPool(32);
        CpuShares cpu = CpuShares.of(stack);
        AtomicInteger next = new AtomicInteger();
        long periodNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            Article a = articles.get(i).toBuilder().publishedDateTime(Instant.now()).published(true).build();
            workers.execute(() -> post(a, i, posted, unseen, seen, indexOf, failures));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < total) {
            Thread.sleep(100);
        }
        clock.shutdown();
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("latency requests did not finish");
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        while (seen.keySet().containsAll(posted.keySet()) == false && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        watching.set(false);
        watcher.join();
        List<CpuShares.Share> shares = cpu.finish();
        double runSeconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0 || !seen.keySet().containsAll(posted.keySet())) {
            throw new IllegalStateException(failures.get() + " of " + total + " latency requests failed, "
                    + posted.keySet().stream().filter(id -> !seen.containsKey(id)).count() + " never became visible");
        }
        writeSeries(perSecond, seed, start, startedAt, posted, seen, indexOf);
        long[] measured = posted.entrySet().stream().filter(e -> indexOf.get(e.getKey()) >= warmup)
                .mapToLong(e -> seen.get(e.getKey()) - e.getValue()).sorted().toArray();
        double p50 = percentile(measured, 0.50) / 1e6;
        double p99 = percentile(measured, 0.99) / 1e6;
        String of = " (" + corpus + " corpus)";
        String note = String.format("%,d single-file POSTs (generated articles) at %d/s (achieved %.0f/s) after %d s of"
                + " warm-up at the rate%s, onto the stack holding the %s corpus; one watcher read GET /articles?sort=newest from the"
                + " oldest article not yet seen, every 10 ms (%,d requests, %.0f/s, %,d items read)", measured.length, perSecond,
                achieved, warmup / perSecond, before, corpus, load.requests.get(), load.requests.get() / runSeconds, load.items.get());
        figures.add(Figure.context(SECTION, "ingest-to-visible latency p50 at " + perSecond + "/s" + of, p50, "ms", note));
        String max = String.format("max %.0f ms", measured[measured.length - 1] / 1e6);
        figures.add(perSecond == 300 ? Figure.atMost(SECTION, "ingest-to-visible latency p99 at 300/s" + of, p99, "ms", 500, max)
                : Figure.context(SECTION, "ingest-to-visible latency p99 at " + perSecond + "/s" + of, p99, "ms", max));
        figures.addAll(cpuFigures("CPU at " + perSecond + "/s: ", shares, runSeconds, of));
    }

    /**
     * Each article's latency by when it was posted ({@code latency-<rate>-<seed>.csv} in the run's folder: seconds since
     * the first post, milliseconds until visible, and the wall-clock time of the post, to line a stall up with a
     * service's GC log or its own log), to tell a queue that grows from a stall that passes.
     */
    private void writeSeries(int perSecond, long seed, long start, Instant startedAt, Map<String, Long> posted,
                             Map<String, Long> seen, Map<String, Integer> indexOf) throws IOException {
        StringBuilder csv = new StringBuilder("index,posted_s,latency_ms,posted_at\n");
        posted.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> csv.append(String.format(
                Locale.ROOT, "%d,%.3f,%.1f,%s%n", indexOf.get(e.getKey()), (e.getValue() - start) / 1e9,
                (seen.get(e.getKey()) - e.getValue()) / 1e6, startedAt.plusNanos(e.getValue() - start))));
        Files.writeString(work.resolve("latency-" + perSecond + "-" + seed + ".csv"), csv);
    }

    /** One figure per part of the stack: the cores it used on average over {@code seconds}. */
    private static List<Figure> cpuFigures(String prefix, List<CpuShares.Share> shares, double seconds, String of) {
        return shares.stream().map(share -> Figure.context(SECTION, prefix + share.part() + of, share.cores(), "cores",
                String.format("%.0f s of CPU in the %.0f s from the first post until all were visible%s (/proc, sampled"
                        + " every 0.5 s); the machine has %d cores", share.seconds(), seconds,
                        share.jitSeconds() > 0 ? String.format(", %.1f s of it in the JIT compiler threads", share.jitSeconds()) : "",
                        Runtime.getRuntime().availableProcessors()))).toList();
    }

    private void post(Article article, int index, Map<String, Long> posted, NavigableSet<Pending> unseen,
                      Map<String, Long> seen, Map<String, Integer> indexOf, AtomicInteger failures) {
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/ingest"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + Stack.TOKEN)
                    .header("Content-Type", "text/markdown")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Corpus.file(article))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 202) {
                throw new IOException("POST answered " + response.statusCode() + ": " + response.body());
            }
            String id = Http.JSON.readTree(response.body()).path("id").asText();
            indexOf.put(id, index);
            posted.put(id, t0);
            if (!seen.containsKey(id)) {
                unseen.add(new Pending(article.publishedDateTime(), id)); // seen meanwhile: the watcher drops it
            }
        } catch (Exception e) {
            failures.incrementAndGet();
        }
    }
    /**
     * Notes when each posted article first appears in {@code GET /articles?sort=newest}, until told to
     * stop: every 10 ms it reads, page by page, the articles published since the oldest one not seen yet
     * (each is published at the moment it is posted), so a batch that makes hundreds visible at once is
     * seen whole.
     */
    private void watchNewest(NavigableSet<Pending> unseen, Map<String, Long> seen, AtomicBoolean watching,
                             AtomicInteger failures, WatcherLoad load) {
        while (watching.get()) {
            try {
                // the posted articles not seen yet, oldest first: those seen since are dropped from the front,
                // so finding the oldest costs no scan of everything posted (which took a third of a core)
                // (only this thread removes from it, so a set found not empty has a first)
                Pending first = unseen.isEmpty() ? null : unseen.first();
                while (first != null && seen.containsKey(first.id())) {
                    unseen.remove(first);
                    first = unseen.isEmpty() ? null : unseen.first();
                }
                Instant oldestUnseen = first == null ? null : first.published();
                // from the millisecond of the oldest unseen: the store keeps microseconds, so nothing unseen is
                // before it, and the articles already seen before it are not read again at every poll
                String next = oldestUnseen == null ? null : stack.articlesUrl() + "/articles?sort=newest&size=100&from="
                        + oldestUnseen.truncatedTo(ChronoUnit.MILLIS);
                while (next != null) {
                    JsonNode page = Http.getJson(next);
                    long now = System.nanoTime();
                    load.requests.incrementAndGet();
                    load.items.addAndGet(page.path("items").size());
                    for (JsonNode item : page.path("items")) {
                        seen.putIfAbsent(item.path("id").asText(), now);
                    }
                    next = page.path("next").isTextual() ? page.path("next").asText() : null;
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** A posted article the watcher has not seen yet, in the order of publication. */
    private record Pending(Instant published, String id) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = published.compareTo(other.published);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    /** What the watcher asked of the article service: its own load on the stack it measures. */
    private static final class WatcherLoad {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong items = new AtomicLong();
    }

    static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
