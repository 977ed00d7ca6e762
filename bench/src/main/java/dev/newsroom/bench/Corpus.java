package dev.newsroom.bench;

import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic articles, as many as a benchmark needs, generated from the real samples: each one a real
 * file's fields with its own URL, a title and excerpt recombined from real ones, and a publication
 * time spread over the last days — so ids, texts, providers and dates vary as they would in a feed.
 */
final class Corpus {

    private static final List<Article> REAL = Samples.allArticles().stream()
            .map(p -> new SeedFormat().read(p.getFileName().toString(), Samples.bytes(p)).article())
            .toList();

    private Corpus() {
    }

    static List<Article> real() {
        return REAL;
    }

    /** {@code count} distinct articles; the same seed gives the same articles. */
    static List<Article> generate(int count, long seed, Instant newest) {
        Random random = new Random(seed);
        List<Article> articles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Article base = REAL.get(random.nextInt(REAL.size()));
            Article other = REAL.get(random.nextInt(REAL.size()));
            String title = mix(base.title(), other.title(), random);
            articles.add(base.toBuilder()
                    .title(title)
                    .excerpt(mix(base.excerpt() == null ? title : base.excerpt(),
                            other.excerpt() == null ? "" : other.excerpt(), random))
                    .webUrl("https://bench.newsroom.dev/" + seed + "/" + i + "/" + slug(title))
                    .originalUrl(null)
                    .publishedDateTime(newest.minus(Duration.ofSeconds(random.nextInt(30 * 24 * 3600))))
                    .build());
        }
        return articles;
    }

    static byte[] file(Article article) {
        return SeedFormat.write(article).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A JSON document of about {@code size} characters made of real article text. */
    static String realisticJson(int size) {
        StringBuilder json = new StringBuilder(Json.write(REAL.get(0)));
        int i = 1;
        while (json.length() < size) {
            json.append(' ').append(REAL.get(i++ % REAL.size()).title());
        }
        return Json.write(json.substring(0, size - 2));
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

    private static String slug(String title) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
