package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that {@code sort=heat} and {@code sort=trending} order the served articles exactly as the heat formula
 * does over the stored stories (issue 11: the coverage part of heat lives once per story, in article-service's
 * {@code stories} table, and is joined in). The formula is computed here from what each part is: the article's
 * quality and provider weight (its heat explanation's inputs), its story's distinct providers as the story
 * serves them (coverage {@code 1 + 0.25 × ln(providers)}, the default weight), and its age when ranked.
 */
final class HeatOrder {

    /** The default {@code newsroom.ranking.heat.coverage-weight} the stacks of the tests run with. */
    private static final double COVERAGE_WEIGHT = 0.25;

    private HeatOrder() {
    }

    /** One served article and the heat the formula gives it. */
    record Computed(String id, int heatServed, double heat, double trendKey) {
    }

    /** Asserts both orders over every live article; returns how many were checked. */
    static int assertFollowsTheFormula(String baseUrl) {
        List<Computed> byHeat = page(baseUrl, "heat");
        for (Computed c : byHeat) {
            assertThat((double) c.heatServed()).as("heat of %s against the formula", c.id())
                    .isCloseTo(c.heat(), org.assertj.core.data.Offset.offset(0.5 + 1e-6));
        }
        for (int i = 1; i < byHeat.size(); i++) {
            assertThat(byHeat.get(i).heatServed()).as("sort=heat at %d (%s after %s)", i, byHeat.get(i).id(),
                    byHeat.get(i - 1).id()).isLessThanOrEqualTo(byHeat.get(i - 1).heatServed());
        }
        List<Computed> trending = page(baseUrl, "trending");
        assertThat(trending).hasSameSizeAs(byHeat);
        for (int i = 1; i < trending.size(); i++) {
            assertThat(trending.get(i).trendKey()).as("sort=trending at %d (%s after %s)", i, trending.get(i).id(),
                    trending.get(i - 1).id()).isLessThanOrEqualTo(trending.get(i - 1).trendKey() + 1e-9);
        }
        return byHeat.size();
    }

    private static List<Computed> page(String baseUrl, String sort) {
        List<Computed> all = new ArrayList<>();
        String next = baseUrl + "/articles?sort=" + sort + "&size=100";
        while (next != null) {
            JsonNode page = read(given().accept("application/json").get(next).then().statusCode(200).extract().asString());
            for (JsonNode article : page.get("items")) {
                all.add(computed(article));
            }
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return all;
    }

    /**
     * The formula for one article: {@code quality × coverage(story providers) × providerWeight} is its base;
     * its heat when ranked decays it by its age then; its trending order is {@code log2(base)} less its age on
     * the news clock in half-lives (the same for every article at any instant, up to a constant).
     */
    private static Computed computed(JsonNode article) {
        JsonNode explanation = article.get("heatExplanation");
        double quality = component(explanation, "quality").get("input").asDouble();
        double weight = component(explanation, "provider").get("input").asDouble();
        double ageHours = component(explanation, "recency").get("input").asDouble();
        double halfLife = explanation.get("halfLifeHours").asDouble();
        int providers = Math.max(1, article.get("story").get("providers").size());
        double base = quality * (1 + COVERAGE_WEIGHT * Math.log(providers)) * weight;
        double heat = base * Math.pow(0.5, ageHours / halfLife);
        Instant published = Instant.parse(article.get("publishedDateTime").asText());
        Duration newsLag = Duration.between(Instant.parse(explanation.get("referenceTime").asText()),
                Instant.parse(explanation.get("computedAt").asText()));
        double trendKey = Math.log(base) / Math.log(2)
                + (published.getEpochSecond() + newsLag.toMillis() / 1000.0) / (3600 * halfLife);
        return new Computed(article.get("id").asText(), article.get("heat").asInt(), heat, trendKey);
    }

    private static JsonNode component(JsonNode explanation, String name) {
        for (JsonNode c : explanation.get("components")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " component in " + explanation);
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
