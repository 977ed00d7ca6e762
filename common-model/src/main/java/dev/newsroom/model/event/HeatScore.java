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
}
