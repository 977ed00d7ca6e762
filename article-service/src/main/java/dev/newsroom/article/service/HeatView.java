package dev.newsroom.article.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.newsroom.model.event.HeatScore;
import java.time.Instant;

/**
 * {@code GET /articles/{id}/heat}: the heat when ranked, the heat now (decayed since), the heat the file
 * carried, and the explanation: formula, every component with its input and contribution, base,
 * half-life and the instants it was computed at.
 */
@JsonPropertyOrder({"id", "heat", "heatNow", "at", "sourceHeat", "publishedDateTime", "explanation"})
public record HeatView(String id, int heat, double heatNow, Instant at, Integer sourceHeat, Instant publishedDateTime,
                       HeatScore explanation) {
}
