package dev.newsroom.article.service;

import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why an article is as hot as it is, in a few readable lines for a page: quality, coverage, provider
 * weight, recency, and the heat they multiply to. From the stored explanation as ranked, or as of an
 * instant with the coverage of then ({@link HeatAsOf}). Pure.
 *
 * @param lines each factor: what it is, its value ("89", "×1.27") and why ("3 providers")
 */
public record HeatBreakdown(List<Line> lines, long heat) {

    /** One factor of the heat. */
    public record Line(String name, String value, String why) {
    }

    /**
     * @param explanation the article's stored explanation
     * @param published   its publication time
     * @param at          the instant asked for, or null for the heat as ranked
     * @param providersAt the story's distinct providers published by {@code at} (ignored without {@code at})
     */
    public static HeatBreakdown of(HeatScore explanation, Instant published, Instant at, int providersAt, HeatAsOf asOf) {
        double quality = component(explanation, "quality").map(HeatComponent::input).orElse(explanation.base());
        HeatComponent coverage = component(explanation, "coverage").orElse(null);
        int providersRanked = coverage == null ? 1 : (int) Math.round(coverage.input());
        double weight = component(explanation, "provider").map(HeatComponent::input).orElse(1.0);
        double hl = explanation.halfLifeHours();
        int providers;
        double coverageFactor;
        double ageHours;
        double heat;
        if (at == null) {
            providers = providersRanked;
            coverageFactor = coverage == null || quality == 0 ? 1 : 1 + coverage.contribution() / quality;
            ageHours = component(explanation, "recency").map(HeatComponent::input).orElse(0.0);
            heat = explanation.value();
        } else {
            providers = providersAt;
            coverageFactor = asOf.coverage(providersAt);
            ageHours = HeatAsOf.ageHours(published, at);
            heat = asOf.heat(explanation.base(), hl, providersRanked, providersAt, published, at);
        }
        double recency = hl <= 0 ? 1 : Math.pow(0.5, ageHours / hl);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("Quality", format(quality), "the source's quality score"));
        lines.add(new Line("Coverage", "×" + format(coverageFactor), providers + (providers == 1 ? " provider" : " providers")
                + " covering the story"));
        lines.add(new Line("Provider", "×" + format(weight), "the provider's weight"));
        lines.add(new Line("Recency", "×" + format(recency), hours(ageHours) + " old" + (at == null ? " when ranked" : "")
                + "; halves every " + hours(hl)));
        return new HeatBreakdown(List.copyOf(lines), Math.round(heat));
    }

    private static java.util.Optional<HeatComponent> component(HeatScore explanation, String name) {
        return explanation.components().stream().filter(c -> name.equals(c.name())).findFirst();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String hours(double hours) {
        return hours < 48 ? String.format(Locale.ROOT, "%.0f h", hours) : String.format(Locale.ROOT, "%.0f days", hours / 24);
    }
}
