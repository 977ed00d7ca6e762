package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.model.json.Json;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What article-service serves, read through its public REST API only: every article (status, and as JSON
 * with its version, heat, heat explanation, story and related links) and every story of {@code GET /stories}.
 * Two snapshots are equal when the two stores serve the same news.
 */
record StoreSnapshot(Map<String, String> articles, Map<String, String> stories) {

    static StoreSnapshot take(String baseUrl, Collection<String> ids) {
        Map<String, String> articles = new TreeMap<>();
        for (String id : new TreeSet<>(ids)) {
            Response article = given().baseUri(baseUrl).accept("application/json").get("/articles/" + id);
            String entry = article.statusCode() + " " + (article.statusCode() == 200 ? article.asString() : "");
            if (article.statusCode() == 200) {
                entry += "\nrelated " + given().baseUri(baseUrl).get("/articles/" + id + "/related").asString();
            }
            articles.put(id, entry);
        }
        Map<String, String> stories = new TreeMap<>();
        String next = baseUrl + "/stories?size=100";
        while (next != null) {
            JsonNode page = read(given().accept("application/json").get(next).then().statusCode(200).extract().asString());
            for (JsonNode story : page.get("items")) {
                stories.put(story.get("id").asText(), story.toString());
            }
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return new StoreSnapshot(articles, stories);
    }

    /**
     * This snapshot without what depends on when the stack ran (two runs of the same input differ in it):
     * ingest and ranking instants, and heat, which decays with the wall clock between ingest and ranking;
     * of the heat explanation only the time-free {@code base} (quality, coverage, provider weight) is kept.
     */
    StoreSnapshot withoutTimes() {
        Map<String, String> a = new TreeMap<>();
        articles.forEach((id, entry) -> {
            if (!entry.startsWith("200 ")) {
                a.put(id, entry);
                return;
            }
            int related = entry.indexOf("\nrelated ");
            a.put(id, "200 " + timeless(read(entry.substring(4, related))) + "\nrelated "
                    + timeless(read(entry.substring(related + "\nrelated ".length()))));
        });
        Map<String, String> s = new TreeMap<>();
        stories.forEach((id, story) -> s.put(id, timeless(read(story)).toString()));
        return new StoreSnapshot(a, s);
    }

    private static final java.util.Set<String> TIMED = java.util.Set.of("ingestedAt", "rankedAt", "heat", "heatAt");

    /**
     * The related links of this snapshot's articles, with the last computed link of each list dropped where
     * {@code other}'s list differs from it only there and the two last scores are within {@code tolerance}:
     * a tie at the cut of the k best, which ranking breaks by a last digit of the score (its fan-out bounds let
     * a list settle on a near-equal one, see ranking-service's README). Returns the ids so forgiven.
     */
    List<String> tiesAtTheCut(StoreSnapshot other, double tolerance) {
        List<String> ties = new ArrayList<>();
        for (String id : articles.keySet()) {
            String a = articles.get(id);
            String b = other.articles.get(id);
            if (a == null || b == null || a.equals(b) || !a.startsWith("200 ") || !b.startsWith("200 ")) {
                continue;
            }
            JsonNode mine = read(a.substring(4, a.indexOf("\nrelated ")));
            JsonNode theirs = read(b.substring(4, b.indexOf("\nrelated ")));
            JsonNode mineRelated = mine.get("related");
            JsonNode theirRelated = theirs.get("related");
            ((com.fasterxml.jackson.databind.node.ObjectNode) mine).remove("related");
            ((com.fasterxml.jackson.databind.node.ObjectNode) theirs).remove("related");
            if (!mine.equals(theirs) || mineRelated == null || theirRelated == null
                    || mineRelated.size() != theirRelated.size() || mineRelated.size() == 0) {
                continue;
            }
            int last = mineRelated.size() - 1;
            boolean sameBefore = true;
            for (int i = 0; i < last; i++) {
                sameBefore &= mineRelated.get(i).equals(theirRelated.get(i));
            }
            if (sameBefore && Math.abs(mineRelated.get(last).path("score").asDouble()
                    - theirRelated.get(last).path("score").asDouble()) <= tolerance) {
                ties.add(id);
            }
        }
        return ties;
    }

    /** This snapshot without the articles (and their stories) in {@code ids}. */
    StoreSnapshot without(List<String> ids) {
        Map<String, String> a = new TreeMap<>(articles);
        Map<String, String> s = new TreeMap<>(stories);
        ids.forEach(a::remove);
        // a story embeds its lead article, related links included
        s.entrySet().removeIf(e -> ids.stream().anyMatch(id -> e.getValue().contains("\"lead\":{\"id\":\"" + id + "\"")));
        return new StoreSnapshot(a, s);
    }

    private static JsonNode timeless(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            TIMED.forEach(object::remove);
            JsonNode explanation = object.get("heatExplanation");
            if (explanation != null && explanation.isObject()) {
                object.put("heatExplanation", Math.round(explanation.get("base").asDouble() * 1e6) / 1e6);
            }
            object.forEach(StoreSnapshot::timeless);
        } else if (node.isArray()) {
            node.forEach(StoreSnapshot::timeless);
        }
        return node;
    }

    /** Articles that answer 200 (live). */
    long live() {
        return articles.values().stream().filter(a -> a.startsWith("200 ")).count();
    }

    /** The version each article is served in (0 when it is not served). */
    long version(String id) {
        String entry = articles.get(id);
        if (entry == null || !entry.startsWith("200 ")) {
            return 0;
        }
        return read(entry.substring(4, entry.indexOf("\nrelated "))).get("version").asLong();
    }

    /** Where this snapshot differs from {@code other}: a readable list of the first {@code max} differences. */
    List<String> differencesFrom(StoreSnapshot other, int max) {
        List<String> out = new ArrayList<>();
        diff("article", articles, other.articles, out, max);
        diff("story", stories, other.stories, out, max);
        return out;
    }

    private static void diff(String what, Map<String, String> mine, Map<String, String> theirs, List<String> out, int max) {
        TreeSet<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        for (String key : keys) {
            if (out.size() >= max) {
                return;
            }
            String a = mine.get(key);
            String b = theirs.get(key);
            if (a == null || !a.equals(b)) {
                out.add(what + " " + key + ":\n  this:  " + around(a, b) + "\n  other: " + around(b, a));
            }
        }
    }

    /** {@code text} around where it first differs from {@code other}: enough to see what differs, not the whole. */
    private static String around(String text, String other) {
        if (text == null || other == null) {
            return text;
        }
        int at = 0;
        while (at < text.length() && at < other.length() && text.charAt(at) == other.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 160);
        int to = Math.min(text.length(), at + 240);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
