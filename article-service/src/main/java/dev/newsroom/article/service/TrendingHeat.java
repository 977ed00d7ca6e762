package dev.newsroom.article.service;

import dev.newsroom.model.event.HeatScore;
import java.time.Duration;
import java.time.Instant;

/**
 * "Trending" is heat decayed to the moment of the request ({@link HeatScore#at}):
 * {@code base × 0.5^(newsAge / halfLife)}, where the news age is {@code now − published − lag} and
 * {@code lag = computedAt − referenceTime} (how far the news clock was behind the wall clock).
 *
 * <p>Taking log2 of it splits what depends on the article from what depends on the request:
 * {@code log2(heat(now)) = key − now / halfLife} with {@code key = log2(base) + (published + lag) / halfLife}.
 * Every article decays at the same rate, so ordering by {@code key} is ordering by heat at any moment:
 * the order is stored once per ranking, indexed and keyset-paged like any other, and never goes stale.
 * Two honest limits, both documented: an article dated after the news clock (heat clamped to
 * {@code base} until then) sorts as if already decaying, and articles ranked under different
 * half-lives compare as if they had the one of their own rankings.
 */
public record TrendingHeat(double base, double halfLifeHours, double newsLagSeconds, double key) {

    /** Used when a ranking carries no half-life (it then never decays, which no order by key can express). */
    static final double FALLBACK_HALF_LIFE_HOURS = 24;

    public static TrendingHeat of(HeatScore heat, Instant published) {
        boolean decays = heat.halfLifeHours() > 0 && heat.computedAt() != null && heat.referenceTime() != null;
        double base = decays ? heat.base() : heat.value();
        double halfLife = decays ? heat.halfLifeHours() : FALLBACK_HALF_LIFE_HOURS;
        double lag = decays ? Duration.between(heat.referenceTime(), heat.computedAt()).toMillis() / 1000.0 : 0;
        double key = log2(Math.max(base, 1e-9)) + (published.toEpochMilli() / 1000.0 + lag) / (3600 * halfLife);
        return new TrendingHeat(base, halfLife, lag, key);
    }

    /** The same article with another base (its story's coverage changed): the key moves by log2 of the ratio. */
    public TrendingHeat withBase(double newBase) {
        return new TrendingHeat(newBase, halfLifeHours, newsLagSeconds,
                key - log2(Math.max(base, 1e-9)) + log2(Math.max(newBase, 1e-9)));
    }

    /** The heat at {@code now}, from the stored key: equal to {@link HeatScore#at} for any article not dated ahead of its news clock. */
    public double at(Instant now) {
        double heat = Math.pow(2, key - now.toEpochMilli() / 1000.0 / (3600 * halfLifeHours));
        return Math.min(heat, base);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
