package dev.newsroom.article.service;

import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.json.Json;
import java.time.Instant;

/**
 * A ranking's heat as the store keeps it: the explanation as ranked ({@code heat_score}), and the two
 * factors that do not depend on the story ({@code heat_own} = quality × provider weight,
 * {@code heat_recency} = the recency factor at ranking), so that the heat can be set again with the
 * story's current coverage without the ranking: {@code heat_base = own × coverage},
 * {@code heat = round(heat_base × recency)}.
 *
 * <p>A heat without those components (schema 1), or one that does not decay, has no {@code own}: it is
 * kept as ranked, whatever its story's coverage does.
 *
 * @param own      quality × provider weight, or null when the heat cannot be decomposed
 * @param recency  heat before rounding / base, or null when the base is 0
 * @param trending the trending order of the heat as ranked
 */
public record HeatColumns(HeatScore score, String json, Double own, Double recency, TrendingHeat trending) {

    /** The heat columns for a given story coverage. */
    public record Values(double base, int value, double trendKey) {
    }

    public static HeatColumns of(HeatScore score, Instant published) {
        HeatComponent quality = score.component("quality");
        HeatComponent provider = score.component("provider");
        HeatComponent recencyComponent = score.component("recency");
        boolean decays = score.halfLifeHours() > 0 && score.computedAt() != null && score.referenceTime() != null;
        Double recency = null;
        if (score.base() > 0) {
            recency = recencyComponent != null
                    ? (score.base() + recencyComponent.contribution()) / score.base()
                    : score.value() / score.base();
        }
        Double own = decays && recency != null && quality != null && provider != null
                ? quality.input() * provider.input() : null;
        return new HeatColumns(score, Json.write(score), own, recency, TrendingHeat.of(score, published));
    }

    /** Whether the heat follows its story's coverage. */
    public boolean decomposed() {
        return own != null;
    }

    /**
     * The heat with a story's {@code coverage} (the same formula as the statement that sets a story's
     * members again when its coverage changes); the heat as ranked when it cannot follow it.
     */
    public Values with(Double coverage) {
        if (own == null || coverage == null) {
            return new Values(trending.base(), score.value(), trending.key());
        }
        double base = own * coverage;
        return new Values(base, (int) Math.floor(base * recency + 0.5), trending.withBase(base).key());
    }
}
