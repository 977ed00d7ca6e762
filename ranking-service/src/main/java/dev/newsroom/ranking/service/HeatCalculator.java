package dev.newsroom.ranking.service;

import dev.newsroom.model.event.HeatScore;
import dev.newsroom.ranking.config.RankingConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The heat formula, written once:
 *
 * <pre>
 *   heat     = base × recency
 *   base     = quality × (1 + coverageWeight × ln(providers)) × providerWeight
 *   recency  = 0.5 ^ (ageHours / halfLifeHours)
 * </pre>
 *
 * {@code quality} is the file's quality (or {@code defaultQuality}); {@code providers} counts the
 * distinct providers covering the story (at least 1, the article's own); {@code providerWeight} is the
 * configured weight of the article's provider domain; the age is measured on the news clock
 * ({@link NewsClock}). With the defaults (coverage weight 0.25, half-life 24 h) a fresh article of
 * quality 89 covered by three providers has heat 89 × 1.27 = 113, near the 109 the seed file carries.
 */
public final class HeatCalculator {

    public static final String FORMULA = HeatScore.FORMULA;

    private final double defaultQuality;
    private final double coverageWeight;
    private final double halfLifeHours;
    private final double defaultProviderWeight;
    private final Map<String, Double> providerWeights;

    public HeatCalculator(RankingConfig.Heat config) {
        this(config.defaultQuality(), config.coverageWeight(), config.halfLife(), config.defaultProviderWeight(),
                config.providerWeights());
    }

    public HeatCalculator(double defaultQuality, double coverageWeight, Duration halfLife, double defaultProviderWeight,
                          Map<String, Double> providerWeights) {
        this.defaultQuality = defaultQuality;
        this.coverageWeight = coverageWeight;
        this.halfLifeHours = halfLife.toMillis() / 3_600_000.0;
        this.defaultProviderWeight = defaultProviderWeight;
        this.providerWeights = Map.copyOf(providerWeights);
    }

    /**
     * @param quality        the file's quality, or null
     * @param providerDomain the article's provider domain, or null
     * @param providers      distinct providers covering the story (clamped to at least 1)
     * @param published      publication time
     * @param newsNow        the news clock's reading
     * @param wallNow        the wall clock's reading (recorded so readers can decay heat later)
     */
    public HeatScore score(Integer quality, String providerDomain, int providers, Instant published, Instant newsNow,
                           Instant wallNow) {
        double q = quality == null ? defaultQuality : quality;
        int n = Math.max(1, providers);
        double weight = providerDomain == null ? defaultProviderWeight
                : providerWeights.getOrDefault(providerDomain, defaultProviderWeight);
        double ageHours = Math.max(0, Duration.between(published, newsNow).toMillis() / 3_600_000.0);
        return HeatScore.compute(q, quality == null ? "no quality in the file: the default " + defaultQuality
                        : "the source's quality score", n, coverage(n), weight,
                "weight of " + (providerDomain == null ? "an unknown provider" : providerDomain), ageHours,
                halfLifeHours, wallNow, newsNow);
    }

    /** The coverage factor of a story covered by {@code providers} distinct providers: {@code 1 + coverageWeight × ln(n)}. */
    public double coverage(int providers) {
        return 1 + coverageWeight * Math.log(Math.max(1, providers));
    }
}
