package dev.newsroom.model.event;

import java.time.Instant;
import java.util.List;

/**
 * An article's heat on the seed's scale (typical values around 100) and how it came about.
 *
 * @param value      the heat at {@code computedAt}, rounded
 * @param computedAt the instant the recency component was evaluated at
 * @param formula    the formula in words, with its constants
 * @param components each input, its value and what it contributed
 */
public record HeatScore(int value, Instant computedAt, String formula, List<HeatComponent> components) {

    public HeatScore {
        components = components == null ? List.of() : List.copyOf(components);
    }
}
