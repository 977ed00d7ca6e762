package dev.newsroom.ranking.bench;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.ranking.RankingSettings;
import dev.newsroom.ranking.config.RankingConfig;
import dev.newsroom.ranking.quality.SameStoryEvaluation;
import dev.newsroom.ranking.quality.SampleCorpus;
import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Indexes and ranks 10,000 and then 100,000 articles generated from the bundled samples, the way the
 * listener does for each ingested article (index it, rank it, rank the existing articles it changed), and
 * prints the time per article; then ranks 100,000 behind the feed (all indexed first, as in a backfill or a
 * burst, when the feed thread runs ahead of the listener), which is what limits the stack end to end. Not a test: run it on a quiet machine with
 * {@code ./mvnw -q -pl ranking-service -am test -DskipTests -Dbench=dev.newsroom.ranking.bench.RankingBenchmark}.
 * With {@code -Dbench.only=dense} it runs 100,000 once and measures what the generated stories recover where the
 * windows are dense ({@link #printDenseRecovery}); with {@code -Dbench.only=reopen} it commits 100,000 and prints the
 * index's size on disk, the times to reopen it, and what the reopened corpus holds on the heap and costs a full
 * collection ({@link #printGraphHeap}); each printed run prints the mapped pages in memory with its index
 * open ({@code RssFile}); {@code -Dbench.settings=candidates=32,…} overrides settings.
 *
 * <p>The articles are realistic in shape: each generated story draws its title and excerpt words from
 * two real articles (a third of each, in order) into text of its own, gets
 * a made-up name of its own (a company or product: real news keeps bringing new names), a real
 * provider from the samples for each of its 1 to 5 articles, small wording changes between them, and a
 * publication time within 30 days; they arrive in publication order, as a feed.
 */
public final class RankingBenchmark {

    /** Articles between two commits of the index (the feed commits every 5 s: some 30,000 articles at full speed). */
    private static final int COMMIT_EVERY = 10_000;
    /**
     * Articles the corpus is told of ahead ({@link Corpus#expect}), as the corpus feed tells it of each poll's records
     * while it catches up at start; with {@code -Dbench.look-ahead=false} it is told of none, as once the service is ready.
     */
    private static final int POLL = 250;
    private static final boolean LOOK_AHEAD = Boolean.parseBoolean(System.getProperty("bench.look-ahead", "true"));
    /** Articles per batch when ranking behind the feed (the listener's batches are up to 500 records). */
    private static final int LISTENER_BATCH = 100;
    private static final Instant START = Instant.parse("2021-05-01T00:00:00Z");
    private static final String[] SYLLABLES = {"zan", "tor", "vel", "ix", "quor", "bel", "dri", "mon", "sar", "ka",
            "lum", "pex", "rho", "tia", "gor", "nev", "ul", "cas", "fen", "dar", "oli", "mek", "sy", "vra"};

    private RankingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Article> templates = SampleCorpus.all(false).stream().map(ArticleEvent::article)
                .filter(a -> a.title() != null && a.excerpt() != null).toList();
        List<Provider> providers = templates.stream().map(Article::provider).filter(p -> p != null && p.domain() != null)
                .map(p -> Provider.of(p.name(), p.domain())).distinct().toList();
        System.out.printf("templates: %d real articles, %d real providers; %d cores; %s%n", templates.size(), providers.size(),
                Runtime.getRuntime().availableProcessors(), LOOK_AHEAD
                        ? "searching ahead (Corpus.expect of each 250), as the corpus feed does while it catches up"
                        : "on one thread (-Dbench.look-ahead=false), as the corpus feed indexes once the service is ready");

        run(generate(10_000, templates, providers, 7), false); // warm-up: JIT
        if ("story".equals(System.getProperty("bench.only"))) { // -Dbench.only=story: the story growth alone
            printStoryGrowth(storyGrowth(generate(10_000, templates, providers, 3), providers));
            return;
        }
        if ("feed".equals(System.getProperty("bench.only"))) { // -Dbench.only=feed: one 100,000 index + rank run, to profile
            run(generate(100_000, templates, providers, 2), true);
            return;
        }
        if ("dense".equals(System.getProperty("bench.only"))) { // -Dbench.only=dense: the feed run, and its quality
            printDenseRecovery(generate(100_000, templates, providers, 2));
            return;
        }
        if ("reopen".equals(System.getProperty("bench.only"))) { // -Dbench.only=reopen: the index on disk, and its reopening
            long[] reopen = reopenMillis(generate(100_000, templates, providers, 2));
            System.out.printf("reopened with 100,000 articles indexed: %d, %d, %d ms%n", reopen[0], reopen[1], reopen[2]);
            return;
        }
        if ("behind".equals(System.getProperty("bench.only"))) { // -Dbench.only=behind: ranking behind the feed alone
            printBehind(generate(100_000, templates, providers, 2));
            return;
        }
        System.out.println();
        System.out.println("| articles | index + rank, total | articles/s | µs per article (all) | µs per article (last 1,000, with its share of a commit) | records published per article | CPU of the process (all its threads: look-ahead, merges, collector, compilers) per article |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // three runs of each size (the machine is shared and noisy): the medians are the result
        Result at10k = median(List.of(run(generate(10_000, templates, providers, 1), true),
                run(generate(10_000, templates, providers, 1), true), run(generate(10_000, templates, providers, 1), true)));
        Result at100k = median(List.of(run(generate(100_000, templates, providers, 2), true),
                run(generate(100_000, templates, providers, 2), true), run(generate(100_000, templates, providers, 2), true)));
        System.out.printf("%nmedians of three runs: %,.0f articles/s and %.1f µs per article (last 1,000) at 10k,"
                + " %,.0f articles/s and %.1f µs at 100k; growth %.2f×%n", at10k.perSecond(), at10k.lastMicros(),
                at100k.perSecond(), at100k.lastMicros(), at100k.lastMicros() / at10k.lastMicros());
        long[] reopen = reopenMillis(generate(100_000, templates, providers, 2));
        System.out.printf("reopened with 100,000 articles indexed (index opened, graph loaded): %d, %d, %d ms%n",
                reopen[0], reopen[1], reopen[2]);
        System.out.printf(Locale.ROOT, "BENCH-REOPEN articles=100000 millis=%d%n", reopen[1]);
        printStoryGrowth(storyGrowth(generate(10_000, templates, providers, 3), providers));
        printBehind(generate(100_000, templates, providers, 2));
        for (Result r : List.of(at10k, at100k)) {
            // read by bench/run (dev.newsroom.bench.RankingBench)
            System.out.printf(Locale.ROOT, "BENCH-RESULT articles=%d articlesPerSecond=%.1f microsPerArticleLast1000=%.2f%n",
                    r.articles(), r.perSecond(), r.lastMicros());
        }
    }

    private static void printStoryGrowth(double[] growth) {
        System.out.printf("one story growing to 1,010 members beside 10,000 articles: %.1f µs per member around the 10th,"
                + " %.1f µs around the 1,000th (%.2f×); %.2f and %.2f records published per member%n",
                growth[0], growth[1], growth[1] / growth[0], growth[2], growth[3]);
        System.out.printf(Locale.ROOT, "BENCH-STORY micros10=%.2f micros1000=%.2f records10=%.2f records1000=%.2f%n",
                growth[0], growth[1], growth[2], growth[3]);
    }

    /**
     * Ranking behind the feed, as in a backfill or a burst: the feed has indexed all the articles (and
     * committed) before ranking starts, which then ranks them in the listener's batches of
     * {@value #LISTENER_BATCH}, oldest first. Three runs; the median articles/s of the ranking alone.
     */
    private static void printBehind(List<ArticleEvent> articles) {
        double[] perSecond = new double[3];
        for (int r = 0; r < perSecond.length; r++) {
            Path directory = temporaryDirectory();
            try (Corpus corpus = open(directory)) {
                articles.forEach(corpus::add);
                corpus.commit("bench", Map.of(0, (long) articles.size()));
                long start = System.nanoTime();
                for (int i = 0; i < articles.size(); i += LISTENER_BATCH) {
                    corpus.rankingsAfter(articles.subList(i, Math.min(articles.size(), i + LISTENER_BATCH)),
                            SampleCorpus.INGESTED_AT);
                }
                perSecond[r] = articles.size() / ((System.nanoTime() - start) / 1e9);
            } finally {
                delete(directory);
            }
        }
        Arrays.sort(perSecond);
        System.out.printf("ranking behind the feed (%,d indexed first, then ranked in batches of %d): %,.0f, %,.0f, %,.0f"
                + " articles/s%n", articles.size(), LISTENER_BATCH, perSecond[0], perSecond[1], perSecond[2]);
        System.out.printf(Locale.ROOT, "BENCH-BEHIND articles=%d articlesPerSecond=%.1f%n", articles.size(),
                perSecond[1]);
    }

    /**
     * Quality where the windows are dense, which the labelled sets (a few hundred articles over 16 months) cannot
     * show: each generated story's members share a made-up name and words of the same two real texts, so they
     * should be one story and in each other's related lists. Of all pairs of members of the same generated
     * story: the share in one computed story, and the share where either lists the other among its related
     * links. Also the share of the computed stories' pairs that are one generated story (precision).
     *
     * <p>The generated stories are found whatever the look-up's bounds, so settings are told apart by their links:
     * {@code -Dbench.dense.lists=<file>} writes each article's related ids (best first), and
     * {@code -Dbench.dense.against=<file>} prints the share of that earlier run's top 5 links this run keeps.
     */
    private static void printDenseRecovery(List<ArticleEvent> articles) throws IOException {
        Path directory = temporaryDirectory();
        try (Corpus corpus = open(directory)) {
            run(corpus, articles, true);
            Map<String, String> generatedOf = new HashMap<>();
            Map<String, String> storyOf = new HashMap<>();
            Map<String, List<String>> relatedOf = new LinkedHashMap<>();
            for (ArticleEvent event : articles) {
                var ranking = corpus.rank(event, SampleCorpus.INGESTED_AT).ranking();
                generatedOf.put(event.articleId(), generatedStory(event));
                storyOf.put(event.articleId(), ranking.story().id());
                relatedOf.put(event.articleId(), ranking.related().stream().map(RelatedLink::id).toList());
            }
            SameStoryEvaluation.StoryScores stories = SameStoryEvaluation.pairScores(generatedOf, storyOf);
            Map<String, List<String>> generated = new HashMap<>();
            generatedOf.forEach((id, story) -> generated.computeIfAbsent(story, k -> new ArrayList<>()).add(id));
            long linked = 0;
            for (List<String> members : generated.values()) {
                for (int i = 0; i < members.size(); i++) {
                    for (int j = i + 1; j < members.size(); j++) {
                        String a = members.get(i);
                        String b = members.get(j);
                        linked += relatedOf.get(a).contains(b) || relatedOf.get(b).contains(a) ? 1 : 0;
                    }
                }
            }
            double relatedRecall = (double) linked / stories.labelledPairs();
            System.out.printf(Locale.ROOT, "dense windows (%,d generated articles, %,d pairs of one story): "
                    + "story pair recall %.4f, precision %.4f (%,d computed pairs); related-list pair recall %.4f%n",
                    articles.size(), stories.labelledPairs(), stories.pairRecall(), stories.pairPrecision(),
                    stories.predictedPairs(), relatedRecall);
            System.out.printf(Locale.ROOT, "BENCH-DENSE storyRecall=%.4f storyPrecision=%.4f relatedRecall=%.4f%n",
                    stories.pairRecall(), stories.pairPrecision(), relatedRecall);
            String lists = System.getProperty("bench.dense.lists", "");
            if (!lists.isBlank()) {
                Files.write(Path.of(lists), relatedOf.entrySet().stream()
                        .map(e -> e.getKey() + "\t" + String.join(",", e.getValue())).toList());
            }
            String against = System.getProperty("bench.dense.against", "");
            if (!against.isBlank()) {
                System.out.printf(Locale.ROOT, "top 5 links of %s kept: %.4f%n", against,
                        keptOf(readLists(Path.of(against)), relatedOf, 5));
            }
        } finally {
            delete(directory);
        }
    }

    /** Of the first {@code k} links of each article in {@code reference}, the share that {@code lists} has among its first k. */
    static double keptOf(Map<String, List<String>> reference, Map<String, List<String>> lists, int k) {
        long links = 0;
        long kept = 0;
        for (Map.Entry<String, List<String>> entry : reference.entrySet()) {
            List<String> top = entry.getValue().subList(0, Math.min(k, entry.getValue().size()));
            List<String> other = lists.getOrDefault(entry.getKey(), List.of());
            Set<String> otherTop = Set.copyOf(other.subList(0, Math.min(k, other.size())));
            links += top.size();
            kept += top.stream().filter(otherTop::contains).count();
        }
        return links == 0 ? 1 : (double) kept / links;
    }

    /** Lists as {@code bench.dense.lists} writes them: an article id, a tab, its related ids best first. */
    private static Map<String, List<String>> readLists(Path file) throws IOException {
        Map<String, List<String>> lists = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int tab = line.indexOf('\t');
            String ids = line.substring(tab + 1);
            lists.put(line.substring(0, tab), ids.isEmpty() ? List.of() : List.of(ids.split(",")));
        }
        return lists;
    }

    /** The generated story of an article: its URL's path ends in {@code <story>-<member>}. */
    private static String generatedStory(ArticleEvent event) {
        String url = event.article().webUrl();
        return url.substring(url.lastIndexOf('/') + 1, url.lastIndexOf('-'));
    }

    private record Result(int articles, double perSecond, double lastMicros) {
    }

    private static Result median(List<Result> runs) {
        double[] perSecond = runs.stream().mapToDouble(Result::perSecond).sorted().toArray();
        double[] micros = runs.stream().mapToDouble(Result::lastMicros).sorted().toArray();
        return new Result(runs.get(0).articles(), perSecond[runs.size() / 2], micros[runs.size() / 2]);
    }

    /** Indexes and ranks the articles one by one: the whole run's rate and the mean µs of the last 1,000. */
    private static Result run(List<ArticleEvent> articles, boolean print) {
        Path directory = temporaryDirectory();
        try (Corpus corpus = Corpus.open(directory, settings(), new TextAnalysis(), TermRarity.reference(),
                new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)))) {
            Result result = run(corpus, articles, print);
            if (print) {
                printMappedPages(articles.size());
            }
            return result;
        } finally {
            delete(directory);
        }
    }

    /**
     * What a restarted instance does before it reads the topic's tail: open the committed index of these
     * articles and load their graph. Three openings, in ascending order (the middle one is the median).
     */
    private static long[] reopenMillis(List<ArticleEvent> articles) throws IOException {
        Path directory = temporaryDirectory();
        try {
            try (Corpus corpus = open(directory)) {
                run(corpus, articles, false);
                corpus.commit("bench", Map.of(0, (long) articles.size()));
            }
            printIndexSize(directory, articles.size());
            long[] millis = new long[3];
            for (int i = 0; i < millis.length; i++) {
                long[] without = i == millis.length - 1 ? fullCollections() : null;
                long t0 = System.nanoTime();
                try (Corpus corpus = open(directory)) {
                    millis[i] = (System.nanoTime() - t0) / 1_000_000;
                    if (corpus.size() != articles.size()) {
                        throw new IllegalStateException("reopened with " + corpus.size() + " articles, not " + articles.size());
                    }
                    if (without != null) {
                        printGraphHeap(without, fullCollections(), articles.size());
                    }
                }
            }
            Arrays.sort(millis);
            return millis;
        } finally {
            delete(directory);
        }
    }

    /**
     * What the reopened corpus keeps on the heap (its graph, its caches) and what it costs a full collection,
     * which has to mark and move it: the live heap and the time of {@link System#gc} with it open ({@code open}),
     * against the same before it was opened ({@code without}; the generated articles, held by the benchmark,
     * are live in both).
     */
    private static void printGraphHeap(long[] without, long[] open, int articles) {
        System.out.printf(Locale.ROOT, "the reopened corpus of %,d articles on the heap: %.1f MB live (%.0f bytes an article);"
                + " a full collection took %d ms with it, %d ms without%n", articles, (open[0] - without[0]) / 1e6,
                (double) (open[0] - without[0]) / articles, open[1], without[1]);
        System.out.printf(Locale.ROOT, "BENCH-GRAPH articles=%d liveBytes=%d fullGcMillis=%d fullGcMillisWithout=%d%n", articles,
                open[0] - without[0], open[1], without[1]);
    }

    /** The heap in use after a full collection, and the median time of three. */
    private static long[] fullCollections() {
        long[] millis = new long[3];
        for (int i = 0; i < millis.length; i++) {
            long t0 = System.nanoTime();
            System.gc();
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(millis);
        Runtime runtime = Runtime.getRuntime();
        return new long[] {runtime.totalMemory() - runtime.freeMemory(), millis[1]};
    }

    /**
     * What of this JVM's mapped files is in memory with the index still open ({@code RssFile}: mostly the index's
     * pages the run touched, through MMapDirectory; the JDK's and the jars' too): the part of ranking-service's
     * resident memory that its look-ups decide.
     */
    private static void printMappedPages(int articles) {
        String rssFile;
        try {
            rssFile = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("RssFile:"))
                    .findFirst().orElse("RssFile: unknown").replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf(Locale.ROOT, "mapped files in memory after %,d articles, the index open: %s%n", articles, rssFile);
    }

    /**
     * The committed index's size on disk, in all and by kind of file: what its memory-mapped pages can come to
     * (doc values are what a look-up reads of each candidate; a segment small enough is one compound file).
     */
    private static void printIndexSize(Path directory, int articles) throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String kind = switch (name.substring(name.lastIndexOf('.') + 1)) {
                    case "dvd", "dvm" -> "doc values";
                    case "fdt", "fdx", "fdm" -> "stored fields";
                    case "cfs", "cfe" -> "compound (small segments)";
                    case "doc", "tim", "tip", "tmd", "pos", "pay", "psm" -> "postings";
                    default -> "other";
                };
                bytes.merge(kind, Files.size(file), Long::sum);
            }
        }
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "index on disk with %,d articles committed: %.1f MiB (%,d bytes per article); %s%n",
                articles, total / 1048576.0, total / articles, bytes.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f MiB", e.getKey(), e.getValue() / 1048576.0)).toList());
    }

    /**
     * The service's defaults, or those with {@code -Dbench.settings=query-terms=16,candidates=32} (keys under
     * {@code newsroom.ranking.index.}, or whole names such as {@code newsroom.ranking.related.k=8}): to compare
     * settings on the same articles.
     */
    private static RankingConfig settings() {
        Map<String, String> overrides = new HashMap<>();
        for (String setting : System.getProperty("bench.settings", "").split(",")) {
            if (!setting.isBlank()) {
                String[] kv = setting.split("=", 2);
                overrides.put(kv[0].startsWith("newsroom.") ? kv[0] : "newsroom.ranking.index." + kv[0], kv[1]);
            }
        }
        return RankingSettings.with(overrides);
    }

    private static Corpus open(Path directory) {
        return Corpus.open(directory, settings(), new TextAnalysis(), TermRarity.reference(),
                new NewsClock(Clock.fixed(SampleCorpus.INGESTED_AT, ZoneOffset.UTC)));
    }

    /**
     * The per-article time of the last 1,000 is what indexing and ranking each took, plus each one's share of the
     * commit that covers it: the last commit's time over the {@value #COMMIT_EVERY} articles it committed. Until
     * 2026-12-05 the whole commit was counted in the article that happened to trigger it, one of the last 1,000 at
     * each size; a commit of 10,000 articles took 95 ms at 10,000 indexed and 195 ms at 100,000, so it was a third of
     * the figure at 100,000 and half of its growth (BENCHMARKS.md, "fourteenth pass").
     */
    private static Result run(Corpus corpus, List<ArticleEvent> articles, boolean print) {
        long[] nanos = new long[articles.size()];
        long published = 0;
        long lastCommit = 0;
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < articles.size(); i++) {
            long t0 = System.nanoTime();
            ArticleEvent event = articles.get(i);
            if (LOOK_AHEAD && i % POLL == 0) {
                corpus.expect(articles.subList(i, Math.min(i + POLL, articles.size())));
            }
            corpus.add(event);
            published += corpus.rankingsAfter(event, SampleCorpus.INGESTED_AT).size();
            nanos[i] = System.nanoTime() - t0;
            if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
                long c0 = System.nanoTime();
                corpus.commit("bench", Map.of(0, (long) i + 1)); // as the feed does every few seconds
                lastCommit = System.nanoTime() - c0;
            }
        }
        long total = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuStart;
        double lastMicros = Arrays.stream(nanos, nanos.length - 1000, nanos.length).average().orElse(0) / 1000
                + lastCommit / 1000.0 / COMMIT_EVERY;
        if (print) {
            System.out.printf("| %,d | %.2f s | %,.0f | %.1f | %.1f | %.2f | %.1f µs |%n", articles.size(), total / 1e9,
                    articles.size() / (total / 1e9), total / 1e3 / articles.size(), lastMicros,
                    (double) published / articles.size(), cpu / 1e3 / articles.size());
        }
        return new Result(articles.size(), articles.size() / (total / 1e9), lastMicros);
    }

    /**
     * The cost of a story's 10th member against its 1,000th: {@code background} indexed first, then one
     * story's members one by one, a day apart (a long-running story: a trial, a war), each from one of the
     * real providers. The median µs (index + rank, as {@link #run}; a median, so that one garbage collection
     * does not decide it) and the mean records published of members 6–15 and of members 996–1,005, each
     * the median of three stories.
     */
    private static double[] storyGrowth(List<ArticleEvent> background, List<Provider> providers) {
        List<double[]> runs = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Path directory = temporaryDirectory();
            try (Corpus corpus = open(directory)) {
                run(corpus, background, false);
                Random random = new Random(r);
                String name = name(5_000_000 + r, random) + " " + name(7_000_000 + r, random);
                long[] nanos = new long[1_010];
                ArticleEvent last = null;
                int[] records = new int[nanos.length];
                for (int m = 0; m < nanos.length; m++) {
                    Provider provider = providers.get(random.nextInt(providers.size()));
                    ArticleEvent member = SampleCorpus.event(Article.builder()
                            .title(vary(name + " trial: court hears day " + m + " of evidence from " + provider.name(), random))
                            .excerpt(vary("The " + name + " trial heard more evidence on day " + m, random))
                            .publishedDateTime(START.plus(Duration.ofDays(m)))
                            .webUrl("https://" + provider.domain() + "/trial/" + r + "-" + m)
                            .provider(provider).quality(50 + random.nextInt(40))
                            .build(), "story.md");
                    last = member;
                    long t0 = System.nanoTime();
                    corpus.add(member);
                    records[m] = corpus.rankingsAfter(member, SampleCorpus.INGESTED_AT).size();
                    nanos[m] = System.nanoTime() - t0;
                }
                runs.add(new double[] {
                        Arrays.stream(nanos, 5, 15).sorted().toArray()[5] / 1000.0,
                        Arrays.stream(nanos, 995, 1_005).sorted().toArray()[5] / 1000.0,
                        Arrays.stream(records, 5, 15).average().orElse(0),
                        Arrays.stream(records, 995, 1_005).average().orElse(0)});
                int size = corpus.rank(last, SampleCorpus.INGESTED_AT).ranking().story().size();
                if (size != nanos.length) {
                    throw new IllegalStateException("the members made a story of " + size + ", not of " + nanos.length
                            + ": the benchmark would measure something else");
                }
            } finally {
                delete(directory);
            }
        }
        double[] median = new double[4];
        for (int i = 0; i < median.length; i++) {
            int at = i;
            median[i] = runs.stream().mapToDouble(g -> g[at]).sorted().toArray()[1];
        }
        return median;
    }

    /** The index is on disk, as in the service: a directory of its own under the system's temporary directory. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ranking-bench-index");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ArticleEvent> generate(int count, List<Article> templates, List<Provider> providers, long seed) {
        Random random = new Random(seed);
        List<Article> articles = new ArrayList<>(count);
        int story = 0;
        while (articles.size() < count) {
            Article template = templates.get(random.nextInt(templates.size()));
            Article other = templates.get(random.nextInt(templates.size()));
            String title = blend(template.title(), other.title(), random);
            String excerpt = blend(template.excerpt(), other.excerpt(), random);
            String name = name(story, random) + " " + name(random.nextInt(1_000_000), random);
            Instant storyTime = START.plusSeconds((long) (random.nextDouble() * Duration.ofDays(30).toSeconds()));
            int size = 1 + (random.nextDouble() < 0.6 ? 0 : random.nextInt(5));
            for (int m = 0; m < size && articles.size() < count; m++) {
                Provider provider = providers.get(random.nextInt(providers.size()));
                Instant published = storyTime.plusSeconds(random.nextInt(48 * 3600));
                articles.add(Article.builder()
                        .title(vary(name + ": " + title, random))
                        .excerpt(vary(name + " " + excerpt, random))
                        .topics(template.topics())
                        .publishedDateTime(published)
                        .webUrl("https://" + provider.domain() + "/news/" + story + "-" + m)
                        .provider(provider).quality(template.quality())
                        .build());
            }
            story++;
        }
        articles.sort(Comparator.comparing(Article::publishedDateTime));
        if ("shuffled".equals(System.getProperty("bench.arrival"))) {
            // as bench/run's stack gets them: in no order of time, so every segment spans the whole 30 days
            Collections.shuffle(articles, new Random(seed));
        }
        return articles.stream().map(a -> SampleCorpus.event(a, "generated.md")).toList();
    }

    /**
     * New text in real vocabulary: words drawn at random from two real texts, in their order, so that
     * stories share the corpus's words as real stories do without copying each other's sentences.
     */
    private static String blend(String first, String second, Random random) {
        List<String> words = new ArrayList<>();
        for (String text : new String[] {first, second}) {
            for (String word : text.split(" ")) {
                if (random.nextInt(3) == 0) {
                    words.add(word);
                }
            }
        }
        return String.join(" ", words);
    }

    /** Drops one word in three of the text's first twelve, so members of a story differ in wording. */
    private static String vary(String text, Random random) {
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 1 && i < 12 && random.nextInt(3) == 0) {
                continue;
            }
            out.append(words[i]).append(' ');
        }
        return out.toString().strip();
    }

    /** A made-up name, unique to {@code number}: its digits in base 24 as syllables, then one at random. */
    private static String name(int number, Random random) {
        StringBuilder name = new StringBuilder();
        int n = number;
        do {
            name.append(SYLLABLES[n % SYLLABLES.length]);
            n /= SYLLABLES.length;
        } while (n > 0);
        name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
