package dev.newsroom.bench;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A corpus shaped like a real news feed, beside {@link Corpus#generate}'s (which recombines real titles at
 * random, with no stories by design): articles grouped into stories whose sizes follow real news, built from
 * the real samples ({@link Corpus#real()}). The same count, seed and {@code newest} give the same articles.
 *
 * <p><b>Story sizes.</b> Story sizes in news are heavy-tailed, roughly a power law: most events get one
 * article or a handful, a few get dozens, a rare one (a pandemic, a war, an election) gets thousands. The
 * exponent here is a choice, not a measurement of a feed. Sizes are drawn from a discrete
 * power law, P(size = s) ∝ s<sup>−{@value #EXPONENT}</sup> for 1 ≤ s ≤ {@value #LARGEST_DRAWN}, plus one
 * story forced to {@value #GIANT} articles (a quarter of the corpus when that is smaller), until the corpus
 * has {@code count} articles (the last story cut to fit). For 100,000 articles (seed 1) that gives 43,585
 * stories, mean size 2.3: 70 % single articles, 94 % of 1 to 5 articles, 433 stories of 21 or more (20 % of
 * the articles), 24 of 101 to 200, and the one of {@value #GIANT}; {@link #generate} prints the histogram
 * ({@link #main} prints it without running anything else).
 *
 * <p><b>What a story's articles share.</b> Each story draws its wording from two real articles (a third of
 * their title and excerpt words, in order, as ranking-service's {@code RankingBenchmark} does) and the first
 * one's topics; every member varies that wording (drops some of its first words) and names the story's
 * made-up name (a company, person or place: real news keeps bringing new names). A story of more than
 * {@value #DEVELOPMENT_MAX} articles is told as developments of 3 to {@value #DEVELOPMENT_MAX} articles, each
 * with a made-up name of its own that its articles carry, the first also naming the previous development: a
 * long-running story's name soon appears in too many articles to tell one event from another
 * (ranking-service's {@code story.max-term-articles}), while each development's new names are rare, as the
 * names of a real story's new turns are. Members come from different providers: a pool of the samples' real
 * providers and {@value #OUTLETS} made-up outlets, chosen by a power law of exponent {@value #OUTLET_EXPONENT}
 * over a fixed order of the pool (a few outlets publish much, the largest some 7 % of the articles, most little).
 * Qualities are those of random real articles; editorial related links and AMP addresses are dropped.
 *
 * <p><b>Time.</b> Within a development, articles follow each other by exponential gaps of mean
 * {@value #HOURS_BETWEEN_ARTICLES} hours; developments start by exponential gaps of mean
 * {@value #HOURS_BETWEEN_DEVELOPMENTS} hours, shortened so that no story lasts much more than
 * {@value #LONGEST_STORY_DAYS} days (the giant one lasts about that; a story of 30 articles about three days);
 * no gap is longer than 48 hours. Stories start at random over the {@value #WINDOW_DAYS} days before
 * {@code newest}, and end by it. The articles are returned in publication order, as a feed delivers them
 * (and as the CLI posts the files they are written to).
 *
 * <p>What ranking-service makes of these stories is its business; the giant story tests that a story's
 * 1,000th member costs what its 10th does.
 */
final class RealisticCorpus {

    static final double EXPONENT = 2.3;
    static final int LARGEST_DRAWN = 200;
    static final int GIANT = 1_200;
    static final int DEVELOPMENT_MAX = 6;
    static final int OUTLETS = 500;
    static final double OUTLET_EXPONENT = 0.8;
    static final int HOURS_BETWEEN_ARTICLES = 2;
    static final int HOURS_BETWEEN_DEVELOPMENTS = 12;
    static final int LONGEST_STORY_DAYS = 28;
    static final int WINDOW_DAYS = 42;
    private static final Duration LONGEST_GAP = Duration.ofHours(48);
    /** Names of developments are numbered from here on, past any story's: every made-up name is its own. */
    private static final int FIRST_DEVELOPMENT = 10_000_000;
    private static final String[] SYLLABLES = {"zan", "tor", "vel", "ix", "quor", "bel", "dri", "mon", "sar", "ka",
            "lum", "pex", "rho", "tia", "gor", "nev", "ul", "cas", "fen", "dar", "oli", "mek", "sy", "vra"};
    private static final String[] OUTLET_KINDS = {"Herald", "Times", "Post", "Daily", "Observer", "Courier", "Tribune",
            "Review", "Wire", "Journal", "Gazette", "Chronicle", "Ledger", "Dispatch", "Monitor"};

    /** The articles and the size of each story, in the order the stories were drawn. */
    record Generated(List<Article> articles, List<Integer> storySizes, int providers) {
    }

    private final long seed;
    private final Instant newest;
    private final Random random;
    private final List<Article> templates = Corpus.real().stream().filter(a -> a.title() != null && a.excerpt() != null).toList();
    private final List<Provider> providers;
    private final double[] outletWeights;
    private final List<Article> articles = new ArrayList<>();
    private final Set<Provider> used = new LinkedHashSet<>();
    private int developmentNames;

    private RealisticCorpus(long seed, Instant newest) {
        this.seed = seed;
        this.newest = newest;
        this.random = new Random(seed);
        this.providers = providers(random);
        this.outletWeights = cumulative(providers.size(), OUTLET_EXPONENT);
    }

    /** Generates {@code count} articles (see the class comment) and prints the histogram of their story sizes. */
    static List<Article> generate(int count, long seed, Instant newest) {
        Generated generated = build(count, seed, newest);
        System.out.print(histogram(generated));
        return generated.articles();
    }

    static Generated build(int count, long seed, Instant newest) {
        RealisticCorpus corpus = new RealisticCorpus(seed, newest);
        double[] sizeWeights = cumulative(LARGEST_DRAWN, EXPONENT);
        int giant = Math.max(1, Math.min(GIANT, count / 4));
        List<Integer> sizes = new ArrayList<>();
        // the order stories are drawn in does not matter (their times are drawn), so the giant one comes first
        for (int story = 0; corpus.articles.size() < count; story++) {
            int size = Math.min(story == 0 ? giant : 1 + draw(sizeWeights, corpus.random), count - corpus.articles.size());
            sizes.add(size);
            corpus.story(story, size);
        }
        corpus.articles.sort(Comparator.comparing(Article::publishedDateTime));
        return new Generated(corpus.articles, sizes, corpus.used.size());
    }

    /** Adds one story of {@code size} articles: its developments, their names and times (see the class comment). */
    private void story(int story, int size) {
        Article template = templates.get(random.nextInt(templates.size()));
        Article other = templates.get(random.nextInt(templates.size()));
        String title = blend(template.title(), other.title(), random);
        String excerpt = blend(template.excerpt(), other.excerpt(), random);
        String name = name(OUTLETS + story, random); // the outlets' names have the first numbers
        List<Integer> developments = new ArrayList<>();
        for (int left = size; left > 0; ) {
            int next = size <= DEVELOPMENT_MAX ? size : Math.min(left, 3 + random.nextInt(DEVELOPMENT_MAX - 2));
            developments.add(next);
            left -= next;
        }
        double developmentGapHours = Math.min(HOURS_BETWEEN_DEVELOPMENTS, LONGEST_STORY_DAYS * 24.0 / developments.size());
        List<Duration> offsets = new ArrayList<>(size);
        List<String> headings = new ArrayList<>(size);
        Duration developmentStart = Duration.ZERO;
        String previous = null;
        for (int d = 0; d < developments.size(); d++) {
            if (d > 0) {
                developmentStart = developmentStart.plus(gap(developmentGapHours, random));
            }
            // a one-development story needs no second name: the story's own is rare enough
            String development = developments.size() == 1 ? "" : name(FIRST_DEVELOPMENT + developmentNames++, random);
            Duration at = developmentStart;
            for (int m = 0; m < developments.get(d); m++) {
                if (m > 0) {
                    at = at.plus(gap(HOURS_BETWEEN_ARTICLES, random));
                }
                offsets.add(at);
                headings.add(String.join(" ", name, development, m == 0 && previous != null ? previous : "").strip());
            }
            previous = development;
        }
        Duration span = Collections.max(offsets);
        long window = Duration.ofDays(WINDOW_DAYS).minus(span).toSeconds();
        Instant start = newest.minus(span).minusSeconds(window <= 0 ? 0 : (long) (random.nextDouble() * window));
        for (int i = 0; i < size; i++) {
            Provider provider = providers.get(draw(outletWeights, random));
            used.add(provider);
            String heading = headings.get(i);
            String articleTitle = heading + ": " + vary(title, random);
            articles.add(template.toBuilder()
                    .title(articleTitle)
                    .excerpt(heading + " " + vary(excerpt, random))
                    .topics(template.topics())
                    .provider(provider)
                    .quality(templates.get(random.nextInt(templates.size())).quality())
                    .webUrl("https://" + provider.domain() + "/realistic/" + seed + "/" + story + "-" + i + "/" + slug(articleTitle))
                    .originalUrl(null)
                    .ampWebUrl(null)
                    .cdnAmpWebUrl(null)
                    .related(List.of())
                    .publishedDateTime(start.plus(offsets.get(i)))
                    .build());
        }
    }

    /** The samples' real providers (with a domain) and {@link #OUTLETS} made-up ones, in an order fixed by the seed. */
    private static List<Provider> providers(Random random) {
        Set<Provider> pool = new LinkedHashSet<>();
        Corpus.real().stream().map(Article::provider).filter(p -> p != null && p.name() != null && p.domain() != null)
                .forEach(p -> pool.add(Provider.of(p.name(), p.domain())));
        for (int i = 0; i < OUTLETS; i++) {
            String name = name(i, random);
            String kind = OUTLET_KINDS[random.nextInt(OUTLET_KINDS.length)];
            pool.add(Provider.of("The " + name + " " + kind, (name + "-" + kind).toLowerCase(Locale.ROOT) + ".news"));
        }
        List<Provider> providers = new ArrayList<>(pool);
        Collections.shuffle(providers, random);
        return providers;
    }

    /** Cumulative weights of 1..n under a power law of {@code exponent}, normalized to end at 1. */
    private static double[] cumulative(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int s = 1; s <= n; s++) {
            sum += Math.pow(s, -exponent);
            cumulative[s - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** An index drawn with the weights of {@link #cumulative}: 0 for the first (most likely) one. */
    private static int draw(double[] cumulative, Random random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** An exponential gap of the given mean, at most {@link #LONGEST_GAP}. */
    private static Duration gap(double meanHours, Random random) {
        double seconds = -Math.log(1 - random.nextDouble()) * meanHours * 3600;
        return Duration.ofSeconds(Math.min(LONGEST_GAP.toSeconds(), (long) seconds));
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
        return words.isEmpty() ? first : String.join(" ", words);
    }

    /** Drops one word in three of the text's first ten, so members of a story differ in wording. */
    private static String vary(String text, Random random) {
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i < 10 && random.nextInt(3) == 0) {
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

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    /** Stories and articles by story size, with the corpus's spread in time and providers. */
    static String histogram(Generated generated) {
        int[][] buckets = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 10}, {11, 20}, {21, 50}, {51, 100}, {101, 200},
                {201, 1000}, {1001, Integer.MAX_VALUE}};
        List<Integer> sizes = generated.storySizes();
        List<Article> articles = generated.articles();
        StringBuilder out = new StringBuilder(String.format("realistic corpus: %,d articles in %,d stories (largest %,d),"
                        + " %,d providers, published %s to %s%n", articles.size(), sizes.size(),
                sizes.stream().mapToInt(Integer::intValue).max().orElse(0), generated.providers(),
                articles.isEmpty() ? "-" : articles.get(0).publishedDateTime(),
                articles.isEmpty() ? "-" : articles.get(articles.size() - 1).publishedDateTime()));
        out.append(String.format("   %-12s %8s %7s %9s %7s%n", "story size", "stories", "", "articles", ""));
        for (int[] bucket : buckets) {
            long stories = sizes.stream().filter(s -> s >= bucket[0] && s <= bucket[1]).count();
            long inThem = sizes.stream().filter(s -> s >= bucket[0] && s <= bucket[1]).mapToLong(Integer::longValue).sum();
            String label = bucket[0] == bucket[1] ? String.valueOf(bucket[0])
                    : bucket[1] == Integer.MAX_VALUE ? "> " + (bucket[0] - 1) : bucket[0] + "–" + bucket[1];
            double share = sizes.isEmpty() ? 0 : 100.0 * stories / sizes.size();
            out.append(String.format("   %-12s %,8d %6.2f%% %,9d %6.2f%%  %s%n", label, stories, share, inThem,
                    articles.isEmpty() ? 0 : 100.0 * inThem / articles.size(),
                    "#".repeat((int) Math.ceil(share / 2))));
        }
        return out.toString();
    }

    /** Prints the histogram of the corpus the benchmark would post, without posting it: {@code [count [seed]]}. */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : BenchmarkSuite.ARTICLES;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        System.out.print(histogram(build(count, seed, Instant.now())));
    }
}
