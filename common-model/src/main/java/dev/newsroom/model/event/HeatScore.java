package dev.newsroom.model.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An article's heat on the seed's scale (typical values around 100) and how it came about.
 *
 * <p>Heat is {@code base × recency}: {@code base} holds what does not change with time (quality,
 * coverage, provider weight) and recency halves every {@code halfLifeHours}. {@code value} is the heat
 * when ranked; {@link #at(Instant, Instant)} gives it at any later moment, which is how readers compute
 * "trending" without re-ranking anything.
 *
 * @param value         the heat at ranking time, rounded
 * @param base          heat before recency: quality, coverage and provider weight
 * @param halfLifeHours hours after which recency has halved
 * @param computedAt    wall-clock instant of the ranking
 * @param referenceTime the instant recency was measured at (the "news clock", see ranking-service)
 * @param formula       the formula in words, with its constants
 * @param components    each input, its value and what it contributed
 */
public record HeatScore(int value, double base, double halfLifeHours, Instant computedAt, Instant referenceTime,
                        String formula, List<HeatComponent> components) {

    public HeatScore {
        components = components == null ? List.of() : List.copyOf(components);
    }

    /**
     * The heat of an article published at {@code published} when the wall clock reads {@code now}: the
     * news clock has advanced by as much as the wall clock since ranking.
     */
    public double at(Instant published, Instant now) {
        if (referenceTime == null || computedAt == null || published == null || halfLifeHours <= 0) {
            return value;
        }
        Instant newsNow = referenceTime.plus(Duration.between(computedAt, now));
        double ageHours = Math.max(0, Duration.between(published, newsNow).toMillis() / 3_600_000.0);
        return base * Math.pow(0.5, ageHours / halfLifeHours);
    }

    /** The formula in words, as {@link #formula} carries it. */
    public static final String FORMULA = "heat = quality × (1 + coverageWeight × ln(providers)) × providerWeight"
            + " × 0.5^(ageHours / halfLifeHours)";

    /**
     * The heat formula, written once for ranking-service (which computes it) and article-service (which
     * applies a story's current coverage to it): {@code base × recency}, {@code base = quality × coverage ×
     * providerWeight}, {@code recency = 0.5^(ageHours / halfLifeHours)}.
     *
     * @param quality        the quality used (the file's, or the default)
     * @param qualityNote    where it came from, in words
     * @param providers      distinct providers covering the story (at least 1)
     * @param coverage       {@code 1 + coverageWeight × ln(providers)}
     * @param providerWeight the weight of the article's provider
     * @param providerNote   whose weight it is, in words (e.g. "weight of example.com")
     */
    public static HeatScore compute(double quality, String qualityNote, int providers, double coverage,
                                    double providerWeight, String providerNote, double ageHours, double halfLifeHours,
                                    Instant computedAt, Instant referenceTime) {
        return compute(quality, qualityNote, providers, coverage, providerWeight, providerNote, ageHours,
                Math.pow(0.5, ageHours / halfLifeHours), halfLifeHours, computedAt, referenceTime);
    }

    private static HeatScore compute(double quality, String qualityNote, int providers, double coverage,
                                     double providerWeight, String providerNote, double ageHours, double recency,
                                     double halfLifeHours, Instant computedAt, Instant referenceTime) {
        double base = quality * coverage * providerWeight;
        double heat = base * recency;
        List<HeatComponent> components = List.of(
                new HeatComponent("quality", quality, quality, qualityNote),
                new HeatComponent("coverage", providers, quality * (coverage - 1),
                        "×" + round3(coverage) + " for " + providers + " distinct provider(s) covering the story"),
                new HeatComponent("provider", providerWeight, quality * coverage * (providerWeight - 1),
                        "×" + round3(providerWeight) + " " + providerNote),
                new HeatComponent("recency", round3(ageHours), heat - base,
                        "×" + round3(recency) + " for " + round3(ageHours) + " h of age (half-life "
                                + round3(halfLifeHours) + " h)"));
        return new HeatScore((int) Math.round(heat), base, halfLifeHours, computedAt, referenceTime, FORMULA, components);
    }

    /**
     * This heat with another story coverage (the story's providers changed since the article was ranked):
     * the same quality, provider weight, age and instants, the coverage of {@code providers} distinct
     * providers. Returns this when the coverage is the same, or when the heat has no components to
     * recompute from.
     */
    public HeatScore withCoverage(int providers, double coverage) {
        HeatComponent quality = component("quality");
        HeatComponent covered = component("coverage");
        HeatComponent provider = component("provider");
        HeatComponent recency = component("recency");
        if (quality == null || covered == null || provider == null || recency == null || halfLifeHours <= 0
                || ((int) covered.input() == providers && base == quality.input() * coverage * provider.input())) {
            return this;
        }
        String providerNote = provider.description().replaceFirst("^×\\S+ ", "");
        // the recency factor exactly as computed (the component's age is rounded to 3 decimals)
        double factor = base > 0 ? (base + recency.contribution()) / base : Math.pow(0.5, recency.input() / halfLifeHours);
        return compute(quality.input(), quality.description(), providers, coverage, provider.input(), providerNote,
                recency.input(), factor, halfLifeHours, computedAt, referenceTime);
    }

    /** The component of that name, or null. */
    public HeatComponent component(String name) {
        for (HeatComponent c : components) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
