package dev.newsroom.article.bench;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills article-service with realistic articles for the read benchmark (see {@code article-service/bench}):
 * ranked events generated from the real samples and sent to {@code articles.ranked}, where the running
 * article-service's own consumer stores them (the same path as in production, minus ingest and ranking).
 *
 * <p>Each article takes a sample's excerpt, images, related links and topics; its title joins the
 * first half of one sample title to the second half of another; its provider comes from every provider
 * (and related provider) in the samples; a third get one more topic; publication times spread over the
 * last year; quality varies; heat follows the ranking formula's shape (quality × coverage, halving daily);
 * one to four consecutive articles form a story. Deterministic (fixed random seed) apart from "now".
 *
 * <p>Usage: {@code ArticleLoader <bootstrap servers> <count> <file for the ids>}
 */
public final class ArticleLoader {

    private static final double HALF_LIFE_HOURS = 24;

    private ArticleLoader() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        Path idsFile = Path.of(args[2]);
        List<Article> samples = samples();
        List<Provider> providers = providers(samples);
        List<String> topics = samples.stream().flatMap(a -> a.topics().stream()).distinct().toList();
        System.out.printf("generating %d articles from %d samples, %d providers, %d topics%n", count, samples.size(),
                providers.size(), topics.size());

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Random random = new Random(42);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>(count);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            String storyId = null;
            int storyLeft = 0;
            for (int i = 0; i < count; i++) {
                Article article = generate(i, samples, providers, topics, random, now);
                String id = ArticleId.of(article).orElseThrow();
                if (storyLeft == 0) {
                    storyId = id;
                    storyLeft = 1 + random.nextInt(4);
                }
                storyLeft--;
                ArticleEvent event = ranked(id, article, storyId, now);
                producer.send(new ProducerRecord<>(EventTopics.RANKED, id, Json.write(event)));
                ids.add(id);
            }
            producer.flush();
        }
        Files.write(idsFile, ids);
        System.out.printf("sent %d ranked articles in %d ms; ids in %s%n", count,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), idsFile);
    }

    private static Article generate(int i, List<Article> samples, List<Provider> providers, List<String> topics,
                                    Random random, Instant now) {
        Article base = samples.get(i % samples.size());
        Article other = samples.get(random.nextInt(samples.size()));
        Provider provider = providers.get(random.nextInt(providers.size()));
        Set<String> articleTopics = new LinkedHashSet<>(base.topics());
        if (random.nextInt(3) == 0) {
            articleTopics.add(topics.get(random.nextInt(topics.size())));
        }
        String title = joinHalves(base.title(), other.title());
        Instant published = now.minusSeconds(random.nextInt(365 * 24 * 3600));
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String url = "https://www." + provider.domain() + "/bench/" + i + "/" + (slug.length() > 60 ? slug.substring(0, 60) : slug);
        return base.toBuilder().title(title).webUrl(url).originalUrl(null).ampWebUrl(null).cdnAmpWebUrl(null)
                .published(true).provider(provider).topics(List.copyOf(articleTopics)).publishedDateTime(published)
                .quality(40 + random.nextInt(100)).heat(random.nextInt(150)).build();
    }

    private static String joinHalves(String a, String b) {
        String[] first = a.split("\\s+");
        String[] second = b.split("\\s+");
        List<String> words = new ArrayList<>(List.of(first).subList(0, Math.max(1, first.length / 2)));
        words.addAll(List.of(second).subList(second.length / 2, second.length));
        return String.join(" ", words);
    }

    private static ArticleEvent ranked(String id, Article a, String storyId, Instant now) {
        int providers = 1 + (int) a.related().stream().map(RelatedArticle::provider).distinct().count();
        double base = a.quality() * (1 + 0.25 * Math.log(providers));
        double ageHours = Duration.between(a.publishedDateTime(), now).toMillis() / 3_600_000.0;
        double heat = base * Math.pow(0.5, ageHours / HALF_LIFE_HOURS);
        HeatScore score = new HeatScore((int) Math.round(heat), base, HALF_LIFE_HOURS, now, now,
                "heat = quality × (1 + 0.25 × ln(providers)) × 0.5^(ageHours / 24)",
                List.of(new HeatComponent("quality", a.quality(), a.quality(), "the source's quality score"),
                        new HeatComponent("coverage", providers, base - a.quality(), providers + " provider(s)"),
                        new HeatComponent("recency", ageHours, heat - base, "age in hours")));
        List<RelatedLink> related = a.related().stream()
                .map(r -> new RelatedLink(null, 1.0, LinkSource.EDITORIAL, r)).toList();
        StoryRef story = new StoryRef(storyId, storyId, 1, List.of(a.provider().domain()), a.publishedDateTime(),
                a.publishedDateTime());
        return ArticleEvent.ingested(id, 1, a.webUrl(), SeedFormat.contentHash(a), now, "bench.md", a)
                .withRanking(new Ranking(now, score, related, story));
    }

    private static List<Article> samples() throws IOException {
        SeedFormat format = new SeedFormat();
        List<Article> articles = new ArrayList<>();
        for (Path file : Samples.allArticles()) {
            Article a = format.read(file.getFileName().toString(), Files.readAllBytes(file)).article();
            if (a.title() != null && a.publishedDateTime() != null) {
                articles.add(a);
            }
        }
        return articles;
    }

    /** Every provider of the samples and of their related entries, by domain. */
    private static List<Provider> providers(List<Article> samples) {
        Map<String, Provider> byDomain = new LinkedHashMap<>();
        for (Article a : samples) {
            if (a.provider() != null && a.provider().domain() != null) {
                byDomain.putIfAbsent(a.provider().domain(), a.provider());
            }
            for (RelatedArticle r : a.related()) {
                if (r.provider() != null && r.provider().domain() != null) {
                    byDomain.putIfAbsent(r.provider().domain(), r.provider());
                }
            }
        }
        return List.copyOf(byDomain.values());
    }
}
