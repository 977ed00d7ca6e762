package dev.newsroom.article;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Provider;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.seed.SeedFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Ranked article events for tests that need what the pipeline cannot produce on demand (a chosen heat,
 * story, version or order): the seed article with the fields a test cares about replaced.
 */
public final class RankedEvents {

    private Article article;
    private String url;
    private long version = 1;
    private double base;
    private int heat = 100;
    private double halfLifeHours = 24;
    private Instant rankedAt = Instant.now();
    private String storyId;
    private String leadId;
    private int storySize = 1;
    private List<String> storyProviders = List.of("nytimes.com");
    private Double coverage;
    private HeatScore heatScore;
    private List<RelatedLink> related;
    private List<Backlink> backlinks = List.of();
    private int relatedLimit;

    private RankedEvents(String url) {
        this.article = seed().toBuilder().webUrl(url).build();
        this.url = url;
        this.base = heat;
    }

    /** The seed at a URL of its own (so, an id of its own), unique per call. */
    public static RankedEvents article() {
        return new RankedEvents("https://www.example.com/news/" + UUID.randomUUID());
    }

    public static Article seed() {
        return new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public RankedEvents edit(java.util.function.UnaryOperator<Article.Builder> change) {
        article = change.apply(article.toBuilder()).build();
        return this;
    }

    public RankedEvents title(String title) {
        return edit(b -> b.title(title));
    }

    public RankedEvents topics(String... topics) {
        return edit(b -> b.topics(List.of(topics)));
    }

    public RankedEvents provider(String name, String domain) {
        return edit(b -> b.provider(Provider.of(name, domain)));
    }

    public RankedEvents published(Instant at) {
        return edit(b -> b.publishedDateTime(at));
    }

    public RankedEvents retracted() {
        return edit(b -> b.published(false));
    }

    public RankedEvents version(long v) {
        version = v;
        return this;
    }

    public RankedEvents heat(int value) {
        heat = value;
        base = value;
        return this;
    }

    /** Heat {@code base} decaying with a half-life, measured on a news clock equal to the wall clock. */
    public RankedEvents decaying(double baseHeat, double halfLife) {
        base = baseHeat;
        halfLifeHours = halfLife;
        return this;
    }

    public RankedEvents rankedAt(Instant at) {
        rankedAt = at;
        return this;
    }

    public RankedEvents story(String id, String lead, int size) {
        storyId = id;
        leadId = lead;
        storySize = size;
        return this;
    }

    /** The distinct providers ranking-service counted for the story (default: the seed's). */
    public RankedEvents storyProviders(String... domains) {
        storyProviders = List.of(domains);
        return this;
    }

    /** The story's coverage factor as ranked (schema 2). */
    public RankedEvents coverage(Double factor) {
        coverage = factor;
        return this;
    }

    /** The heat exactly as given (instead of one built from {@link #heat} or {@link #decaying}). */
    public RankedEvents heatScore(HeatScore score) {
        heatScore = score;
        return this;
    }

    /** The article's own related links (default: its editorial links). */
    public RankedEvents related(List<RelatedLink> links) {
        related = links;
        return this;
    }

    public RankedEvents backlinks(Backlink... given) {
        backlinks = List.of(given);
        return this;
    }

    public RankedEvents relatedLimit(int limit) {
        relatedLimit = limit;
        return this;
    }

    public String id() {
        return ArticleId.fromUrl(url).orElseThrow();
    }

    public ArticleEvent build() {
        String id = id();
        HeatScore score = heatScore != null ? heatScore : new HeatScore(heat, base, halfLifeHours, rankedAt, rankedAt,
                "test formula", List.of(new HeatComponent("quality", 89, 89, "the source's quality score")));
        List<RelatedLink> links = related != null ? related : article.related().stream()
                .map(r -> new RelatedLink(null, 1.0, LinkSource.EDITORIAL, r)).toList();
        StoryRef story = new StoryRef(storyId == null ? id : storyId, leadId == null ? id : leadId, storySize,
                storyProviders, article.publishedDateTime(), article.publishedDateTime(), coverage);
        return ArticleEvent.ingested(id, version, url, SeedFormat.contentHash(article), rankedAt, "test.md", article)
                .withRanking(new Ranking(rankedAt, score, links, story, backlinks, relatedLimit));
    }
}
