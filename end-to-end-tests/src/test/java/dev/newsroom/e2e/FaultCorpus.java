package dev.newsroom.e2e;

import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Articles for the fault tests, as many as a case needs, made from the real samples: each one a real
 * file's fields with an address of its own (so an id of its own), a title recombined from two real ones
 * and a publication time spread over a month, so ranking relates and clusters them as it would a feed.
 */
final class FaultCorpus {

    private static final Instant NEWEST = Instant.parse("2021-03-01T00:00:00Z");
    private static final List<Article> REAL = Samples.allArticles().stream()
            .map(p -> new SeedFormat().read(p.getFileName().toString(), Samples.bytes(p)).article())
            .toList();

    private FaultCorpus() {
    }

    /** {@code count} distinct live articles whose addresses start with {@code name}; the same name, the same articles. */
    static List<Article> generate(String name, int count) {
        return generate(name, count, NEWEST);
    }

    /** As {@link #generate(String, int)}, published in the 30 days before {@code newest}. */
    static List<Article> generate(String name, int count, Instant newest) {
        Random random = new Random(name.hashCode());
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Article base = REAL.get(random.nextInt(REAL.size()));
            Article other = REAL.get(random.nextInt(REAL.size()));
            articles.add(base.toBuilder()
                    .title(mix(base.title(), other.title(), random))
                    .webUrl("https://faults.newsroom.dev/" + name + "/" + i)
                    .originalUrl(null).ampWebUrl(null).cdnAmpWebUrl(null)
                    .published(true)
                    .publishedDateTime(newest.minus(Duration.ofSeconds(random.nextInt(30 * 24 * 3600))))
                    .build());
        }
        return articles;
    }

    static byte[] file(Article article) {
        return SeedFormat.write(article).getBytes(StandardCharsets.UTF_8);
    }

    /** The query of article-service's list that holds exactly what {@link #generate(String, int, Instant)} made. */
    static String window(Instant newest) {
        // dates, not instants: the next links carry them back, and a date needs no escaping
        java.time.ZoneOffset utc = java.time.ZoneOffset.UTC;
        return "from=" + newest.minus(Duration.ofDays(31)).atOffset(utc).toLocalDate() + "&to=" + newest.atOffset(utc).toLocalDate();
    }

    private static String mix(String a, String b, Random random) {
        String[] left = a.split(" ");
        String[] right = b.split(" ");
        int cut = 1 + random.nextInt(Math.max(1, left.length));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(cut, left.length); i++) {
            out.append(left[i]).append(' ');
        }
        for (int i = Math.min(right.length - 1, random.nextInt(Math.max(1, right.length))); i < right.length; i++) {
            out.append(right[i]).append(' ');
        }
        return out.toString().strip();
    }
}
