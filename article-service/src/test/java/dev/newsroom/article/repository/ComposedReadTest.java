package dev.newsroom.article.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.json.Json;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Articles read from rows as schema 2 stores them (V4), written here with plain SQL: the API document is
 * composed of the content document, the ranking columns, the story row and the related links selected of
 * the article's own link rows and the backlinks given for its current version.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ComposedReadTest {

    private static final Instant PUBLISHED = Instant.parse("2030-03-01T10:00:00Z");
    private static final Instant RANKED = Instant.parse("2030-03-01T12:00:00.123456Z");

    @Inject
    DataSource dataSource;

    @Inject
    ArticleReader reader;

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A related entry as the API renders it: the linked article's id, score and source, and its own title. */
    private static String entry(String id, double score, String source, String title, String domain) {
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("id", id);
        entry.put("score", score);
        entry.put("source", source);
        entry.put("title", title);
        entry.put("provider", Map.of("name", title, "domain", domain));
        return Json.write(entry);
    }

    private void sql(String statement, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void article(String id, long version, boolean live, String title, String provider, int heat, String storyId,
                         HeatScore score, int relatedLimit) {
        String content = Json.write(Map.of("id", id, "version", version, "title", title,
                "provider", Map.of("name", provider, "domain", provider)));
        sql("""
                insert into article (id, version, content_hash, ingested_at, ranked_at, title, published_at, provider_domain,
                    provider_name, provider_key, live, heat, story_id, document, source, heat_base, heat_score, related_limit)
                values (?, ?, 'hash', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)""",
                id, version, PUBLISHED, RANKED, title, PUBLISHED, provider, provider, provider, live, heat, storyId, content,
                (double) heat, score == null ? "{}" : Json.write(score), relatedLimit);
    }

    private void story(String id, String lead, List<String> providers, Double coverage) {
        sql("""
                insert into story (id, lead_article_id, size, providers, first_published, last_published, ranked_at,
                    live_articles, heat, coverage)
                values (?, ?, ?, ?, ?, ?, ?, 1, 100, ?)""",
                id, lead, providers.size() + 1, Json.write(providers), PUBLISHED, PUBLISHED, RANKED, coverage);
    }

    private void link(String articleId, String origin, int position, String relatedId, double score, String source,
                      Long targetVersion, String document) {
        sql("""
                insert into related_link (article_id, origin, position, related_id, score, source, web_url, document,
                    target_version)
                values (?, ?, ?, ?, ?, ?, null, ?, ?)""",
                articleId, origin, (short) position, relatedId, score, source, document, targetVersion);
    }

    @Test
    void shouldComposeTheArticleFromItsRowItsStoryAndItsSelectedLinks() throws Exception {
        String x = newId();
        String live = newId();
        String retracted = newId();
        String givesCurrent = newId();
        String givesStale = newId();
        String givesWeak = newId();
        String storyId = RankedEvents.unique("story");
        HeatScore ranked = HeatScore.compute(80, "the file's quality", 1, 1.0, 1.2, "weight of x.example", 5, 24,
                RANKED, RANKED);
        double coverage = 1 + 0.25 * Math.log(3);
        article(x, 2, true, "the article", "x.example", 150, storyId, ranked, 2);
        article(live, 1, true, "live", "l.example", 10, null, null, 0);
        article(retracted, 1, false, "retracted", "r.example", 10, null, null, 0);
        for (String giver : List.of(givesCurrent, givesStale, givesWeak)) {
            article(giver, 1, true, "giver", "g.example", 10, null, null, 0);
        }
        story(storyId, x, List.of("x.example", "l.example", "e.example"), coverage);
        link(x, x, 0, null, 1.0, "editorial", null, entry(null, 1.0, "editorial", "editorial", "e.example"));
        link(x, x, 1, retracted, 1.0, "editorial", null, entry(retracted, 1.0, "editorial", "editorial, retracted", "r.example"));
        link(x, x, 2, retracted, 0.9, "computed", null, entry(retracted, 0.9, "computed", "computed, retracted", "r.example"));
        link(x, x, 3, live, 0.6, "computed", null, entry(live, 0.6, "computed", "own", "l.example"));
        link(x, givesCurrent, 0, givesCurrent, 0.8, "computed", 2L, entry(givesCurrent, 0.8, "computed", "backlink", "g.example"));
        link(x, givesStale, 0, givesStale, 0.95, "computed", 1L, entry(givesStale, 0.95, "computed", "stale", "g.example"));
        link(x, givesWeak, 0, givesWeak, 0.5, "computed", 2L, entry(givesWeak, 0.5, "computed", "beyond the limit", "g.example"));

        String body = given().get("/articles/" + x).then().statusCode(200).extract().asString();
        JsonPath article = JsonPath.from(body);

        assertThat(article.getString("title")).isEqualTo("the article");
        assertThat(article.getInt("version")).isEqualTo(2);
        assertThat(article.getInt("heat")).isEqualTo(150);
        assertThat(article.getString("rankedAt")).isEqualTo(RANKED.toString());
        assertThat(article.getString("storyId")).isEqualTo(storyId);
        assertThat(article.getList("related.title")).containsExactly("editorial", "editorial, retracted", "backlink", "own");
        assertThat(article.getString("story.id")).isEqualTo(storyId);
        assertThat(article.getString("story.leadArticleId")).isEqualTo(x);
        assertThat(article.getList("story.providers")).containsExactly("x.example", "l.example", "e.example");
        assertThat(Json.mapper().readTree(body).path("story").path("coverage").asDouble()).isEqualTo(coverage);
        assertThat(explanation(body, "heatExplanation")).isEqualTo(ranked.withCoverage(3, coverage));

        given().get("/articles/" + x + "/related").then().statusCode(200)
                .body("items.title", contains("editorial", "backlink", "own"));
        String heat = given().get("/articles/" + x + "/heat").then().statusCode(200).extract().asString();
        assertThat(explanation(heat, "explanation")).isEqualTo(ranked.withCoverage(3, coverage));
    }

    /** A heat explanation in a response, read exactly (RestAssured's paths read numbers as floats). */
    private static HeatScore explanation(String body, String field) throws Exception {
        return Json.mapper().treeToValue(Json.mapper().readTree(body).get(field), HeatScore.class);
    }

    @Test
    void shouldComposeEveryArticleOfAPageWithItsOwnLinks() {
        String provider = RankedEvents.unique("provider") + ".example";
        String a = newId();
        String b = newId();
        article(a, 1, true, "first", provider, 20, null, null, 0);
        article(b, 1, true, "second", provider, 10, null, null, 1);
        link(a, a, 0, null, 1.0, "editorial", null, entry(null, 1.0, "editorial", "a's", "e.example"));
        link(b, a, 0, a, 0.7, "computed", 1L, entry(a, 0.7, "computed", "from a", provider));
        link(b, b, 0, null, 0.4, "computed", null, entry(null, 0.4, "computed", "not an id", "e.example"));

        JsonPath page = given().queryParam("provider", provider).queryParam("sort", "heat").get("/articles")
                .then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("items.title")).containsExactly("first", "second");
        assertThat(page.getList("items[0].related.title")).containsExactly("a's");
        assertThat(page.getList("items[1].related.title")).containsExactly("from a");
        assertThat(page.getString("items[1].storyId")).isNull();
        assertThat(page.getMap("items[1]")).containsKey("story").containsEntry("heatExplanation", null);
    }

    @Test
    void shouldCountOnlyAnArticlesOwnEditorialLinksAsItsProviders() {
        String x = newId();
        String giver = newId();
        String storyId = RankedEvents.unique("story");
        article(x, 1, true, "the article", "x.example", 100, storyId, null, 0);
        article(giver, 1, true, "giver", "g.example", 100, null, null, 0);
        story(storyId, x, List.of("x.example"), null);
        link(x, x, 0, null, 1.0, "editorial", null, entry(null, 1.0, "editorial", "own", "own-editorial.example"));
        link(x, giver, 0, giver, 1.0, "editorial", 1L, entry(giver, 1.0, "editorial", "not own", "other.example"));

        List<ArticleReader.AsOfMember> members = QuarkusTransaction.requiringNew()
                .call(() -> reader.membersAsOf(List.of(storyId), PUBLISHED.plusSeconds(60)));

        assertThat(given().get("/articles/" + x).then().statusCode(200).extract().jsonPath().getMap("story"))
                .containsEntry("coverage", null);
        assertThat(members).singleElement().satisfies(m ->
                assertThat(m.providers()).containsExactlyInAnyOrder("x.example", "own-editorial.example"));
    }
}
