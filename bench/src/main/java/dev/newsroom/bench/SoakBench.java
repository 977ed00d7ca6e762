package dev.newsroom.bench;

import dev.newsroom.model.Article;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak: a bounded load on loopback for a long stretch. Single-file POSTs at a steady rate
 * ({@code bench.soak.rate}, 100/s) while readers read at a steady rate ({@code bench.soak.read-rate}, 100/s:
 * the newest list, one article, a search, a feed, the top stories, in turn), for {@code bench.soak.minutes}
 * (10). Each service's resident memory is sampled every 30 s. At the end, once the pipeline is idle, every
 * accepted article must be stored. Figures: throughput, p50/p99 of ingest and reads, errors, memory at
 * start and end and its trend over the second half. Latencies count from the moment a request was due by
 * the schedule, not from when a free client thread sent it, so a stall shows in them (no coordinated omission).
 */
final class SoakBench {

    static final String SECTION = "soak";
    static final int RATE = Integer.getInteger("bench.soak.rate", 100);
    static final int READ_RATE = Integer.getInteger("bench.soak.read-rate", 100);
    static final int MINUTES = Integer.getInteger("bench.soak.minutes", 10);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    /** How long the pipeline may take to store what the load left behind before the figures are taken anyway. */
    private static final Duration DRAIN = Duration.ofMinutes(Integer.getInteger("bench.soak.drain-minutes", 3));
    private static final List<String> SERVICES = List.of("ingest-service", "ranking-service", "article-service");
    private static final List<String> READS = List.of("list", "article", "search", "feed", "stories");
    private static final List<String> WORDS = List.of("facial", "recognition", "microsoft", "police", "covid", "tesla",
            "privacy", "cloud", "data", "apple");

    private final Stack stack;

    SoakBench(Stack stack) {
        this.stack = stack;
    }

    void run(List<Figure> figures) throws Exception {
        long seconds = MINUTES * 60L;
        int total = (int) (RATE * seconds);
        List<Long> ingestNanos = Collections.synchronizedList(new ArrayList<>(total));
        Map<String, List<Long>> readNanos = new LinkedHashMap<>();
        READS.forEach(r -> readNanos.put(r, Collections.synchronizedList(new ArrayList<>())));
        AtomicInteger ingestErrors = new AtomicInteger();
        AtomicInteger readErrors = new AtomicInteger();
        List<String> accepted = Collections.synchronizedList(new ArrayList<>(total));
        Map<String, List<Double>> rss = new LinkedHashMap<>();
        SERVICES.forEach(s -> rss.put(s, new CopyOnWriteArrayList<>()));
        Map<String, String> firstError = new ConcurrentHashMap<>();

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(3);
        ExecutorService writers = Executors.newFixedThreadPool(32);
        ExecutorService readers = Executors.newFixedThreadPool(32);
        AtomicInteger nextPost = new AtomicInteger();
        AtomicLong nextRead = new AtomicLong();
        long readsTotal = READ_RATE * seconds;
        sampleMemory(rss);
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(() -> {
            int i = nextPost.getAndIncrement();
            long due = System.nanoTime();
            if (i < total) {
                writers.execute(() -> post(i, due, ingestNanos, accepted, ingestErrors, firstError));
            }
        }, 0, 1_000_000_000L / RATE, TimeUnit.NANOSECONDS);
        clock.scheduleAtFixedRate(() -> {
            long i = nextRead.getAndIncrement();
            long due = System.nanoTime();
            if (i < readsTotal) {
                readers.execute(() -> read((int) (i % READS.size()), due, accepted, readNanos, readErrors, firstError));
            }
        }, 0, 1_000_000_000L / READ_RATE, TimeUnit.NANOSECONDS);
        clock.scheduleAtFixedRate(() -> sampleMemory(rss), SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        while (nextPost.get() < total || nextRead.get() < readsTotal) {
            Thread.sleep(200);
        }
        writers.shutdown();
        readers.shutdown();
        writers.awaitTermination(2, TimeUnit.MINUTES);
        readers.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        clock.shutdownNow();
        sampleMemory(rss);

        // the store may be far behind the front door after a long load on a small machine: wait a bounded time,
        // then report what is stored and how much of articles.ranked is still to be stored
        long drainStart = System.nanoTime();
        boolean idle = true;
        try {
            stack.awaitIdlePipeline(DRAIN);
        } catch (IllegalStateException e) {
            idle = false;
        }
        double drained = (System.nanoTime() - drainStart) / 1e9;
        long stored = Http.liveArticles(stack.articlesUrl());
        long lost = accepted.size() - stored;
        long backlog = stack.lag("article-service", dev.newsroom.model.event.EventTopics.RANKED);

        String load = String.format("%d min: single-file POSTs at %d/s and reads at %d/s (newest list, one article, search, "
                + "feed, top stories in turn) at once, on loopback; machine shared with two other engineers' builds", MINUTES,
                RATE, READ_RATE);
        figures.add(Figure.atLeast(SECTION, "ingest throughput", accepted.size() / elapsed, "files/s", RATE * 0.98, load));
        figures.add(Figure.context(SECTION, "read throughput", READS.stream().mapToInt(r -> readNanos.get(r).size()).sum() / elapsed,
                "requests/s", "answered 200, all kinds"));
        addLatencies(figures, "ingest POST", ingestNanos, "202 answered: the broker acknowledged the record");
        List<Long> allReads = new ArrayList<>();
        readNanos.values().forEach(allReads::addAll);
        addLatencies(figures, "reads", allReads, "all kinds together");
        for (String kind : READS) {
            addLatencies(figures, "read " + kind, readNanos.get(kind), path(kind, "…"));
        }
        figures.add(Figure.atMost(SECTION, "ingest errors", ingestErrors.get(), "requests", 0,
                "not answered 202 in 30 s" + (firstError.containsKey("ingest") ? "; first: " + firstError.get("ingest") : "")));
        figures.add(Figure.atMost(SECTION, "read errors", readErrors.get(), "requests", 0,
                "not answered 200 in 30 s" + (firstError.containsKey("read") ? "; first: " + firstError.get("read") : "")));
        figures.add(idle ? Figure.atMost(SECTION, "accepted but not stored", lost, "articles", 0,
                String.format("%,d accepted, %,d live in GET /articles once the pipeline was idle, %.0f s after the load", accepted.size(),
                        stored, drained))
                : Figure.context(SECTION, "accepted, not yet stored after the drain", lost, "articles",
                String.format("%,d accepted, %,d live in GET /articles %.0f s after the load ended; articles.ranked records "
                        + "article-service had still to store: %,d (the pipeline kept up at the front door, not in the store)",
                        accepted.size(), stored, drained, backlog)));
        for (String service : SERVICES) {
            List<Double> samples = rss.get(service);
            String series = samples.stream().map(v -> String.format("%.0f", v)).reduce((a, b) -> a + " " + b).orElse("");
            figures.add(Figure.context(SECTION, service + " resident memory at start", samples.get(0), "MiB", "VmRSS before the load"));
            figures.add(Figure.context(SECTION, service + " resident memory at end", samples.get(samples.size() - 1), "MiB",
                    "every 30 s: " + series));
            figures.add(Figure.context(SECTION, service + " memory trend, second half", slopePerMinute(samples.subList(
                    samples.size() / 2, samples.size())), "MiB/min", "least-squares slope of the samples of the second half"));
        }
    }

    private void post(int index, long due, List<Long> nanos, List<String> accepted, AtomicInteger errors, Map<String, String> firstError) {
        try {
            Article article = Corpus.generate(1, 7_000_000L + index, Instant.now()).get(0).toBuilder()
                    .publishedDateTime(Instant.now()).published(true).build();
            HttpResponse<String> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/ingest"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + Stack.TOKEN)
                            .header("Content-Type", "text/markdown")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(Corpus.file(article))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long took = System.nanoTime() - due;
            if (response.statusCode() != 202) {
                throw new IOException("POST answered " + response.statusCode() + ": " + response.body());
            }
            nanos.add(took);
            accepted.add(Http.JSON.readTree(response.body()).path("id").asText());
        } catch (Exception e) {
            errors.incrementAndGet();
            firstError.putIfAbsent("ingest", e.toString());
        }
    }

    private void read(int kind, long due, List<String> accepted, Map<String, List<Long>> nanos, AtomicInteger errors,
                      Map<String, String> firstError) {
        String name = READS.get(kind);
        String id;
        synchronized (accepted) {
            id = accepted.isEmpty() ? null : accepted.get(ThreadLocalRandom.current().nextInt(accepted.size()));
        }
        if (name.equals("article") && id == null) {
            return;
        }
        try {
            HttpResponse<byte[]> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(stack.articlesUrl()
                    + path(name, id))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - due;
            // an article accepted a moment ago may not be stored yet: 404 is not an error of the read path
            if (response.statusCode() != 200 && !(name.equals("article") && response.statusCode() == 404)) {
                throw new IOException(name + " answered " + response.statusCode());
            }
            nanos.get(name).add(took);
        } catch (Exception e) {
            errors.incrementAndGet();
            firstError.putIfAbsent("read", e.toString());
        }
    }

    private static String path(String kind, String id) {
        return switch (kind) {
            case "list" -> "/articles?size=20";
            case "article" -> "/articles/" + id;
            case "search" -> "/articles?size=20&q=" + URLEncoder.encode(WORDS.get(ThreadLocalRandom.current()
                    .nextInt(WORDS.size())), StandardCharsets.UTF_8);
            case "feed" -> "/feeds/stories.atom";
            case "stories" -> "/stories?size=10";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private void sampleMemory(Map<String, List<Double>> rss) {
        for (String service : SERVICES) {
            try {
                rss.get(service).add(FootprintBench.residentMiB(stack.service(service).pid()));
            } catch (IOException e) {
                rss.get(service).add(Double.NaN);
            }
        }
    }

    private static void addLatencies(List<Figure> figures, String what, List<Long> nanos, String note) {
        long[] sorted;
        synchronized (nanos) {
            sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return;
        }
        String n = String.format("%,d requests; %s", sorted.length, note);
        figures.add(Figure.context(SECTION, what + " latency p50", IngestBench.percentile(sorted, 0.50) / 1e6, "ms", n));
        figures.add(Figure.context(SECTION, what + " latency p99", IngestBench.percentile(sorted, 0.99) / 1e6, "ms",
                String.format("max %.0f ms", sorted[sorted.length - 1] / 1e6)));
    }

    /** MiB per minute, least squares over samples {@link #SAMPLE_EVERY} apart. */
    static double slopePerMinute(List<Double> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double perMinute = 60.0 / SAMPLE_EVERY.toSeconds();
        double meanX = (n - 1) / 2.0;
        double meanY = samples.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (samples.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den * perMinute;
    }
}
