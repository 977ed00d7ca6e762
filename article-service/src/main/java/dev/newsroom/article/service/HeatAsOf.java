package dev.newsroom.article.service;

import java.time.Duration;
import java.time.Instant;

/**
 * Heat as of an instant {@code at} ("the news as it was"), from what an article's ranking stored:
 *
 * <pre>
 *   heat(at)  = base × coverage(providersAt) / coverage(providersRanked) × 0.5^(ageHours(at) / halfLifeHours)
 *   coverage  = 1 + coverageWeight × ln(providers)       (ranking-service's HeatCalculator, same constant)
 *   ageHours  = max(0, at − published)
 * </pre>
 *
 * {@code base} is quality × coverage × provider weight as ranked; replacing the story's coverage when ranked
 * by the coverage of the members published by {@code at} gives the base the article had then. The age is
 * measured from {@code at} itself (no news clock: {@code at} is the clock). Pure, so it is tested in
 * milliseconds; the read side only feeds it stored columns.
 *
 * @param coverageWeight {@code newsroom.articles.as-of.coverage-weight}, which must equal ranking-service's
 *                       {@code newsroom.ranking.heat.coverage-weight}
 */
public record HeatAsOf(double coverageWeight) {

    /** The coverage factor of {@code providers} distinct providers (at least 1: the article's own). */
    public double coverage(int providers) {
        return 1 + coverageWeight * Math.log(Math.max(1, providers));
    }

    /** Hours from publication to {@code at}, never negative. */
    public static double ageHours(Instant published, Instant at) {
        return Math.max(0, Duration.between(published, at).toMillis() / 3_600_000.0);
    }

    /** The recency factor at {@code at}: halves every half-life; 1 when the ranking has no half-life. */
    public static double recency(Instant published, Instant at, double halfLifeHours) {
        return halfLifeHours <= 0 ? 1 : Math.pow(0.5, ageHours(published, at) / halfLifeHours);
    }

    /** The base with the coverage of {@code providersAt} instead of that of {@code providersRanked}. */
    public double base(double rankedBase, int providersRanked, int providersAt) {
        return rankedBase * coverage(providersAt) / coverage(providersRanked);
    }

    /**
     * The heat of an article as of {@code at}; 0 for an article published after {@code at} (it did not exist).
     *
     * @param rankedBase      the base of its latest ranking
     * @param providersRanked the distinct providers of its story that ranking counted
     * @param providersAt     the distinct providers of its story's members published by {@code at}
     */
    public double heat(double rankedBase, double halfLifeHours, int providersRanked, int providersAt, Instant published,
                       Instant at) {
        if (published.isAfter(at)) {
            return 0;
        }
        return base(rankedBase, providersRanked, providersAt) * recency(published, at, halfLifeHours);
    }
}
