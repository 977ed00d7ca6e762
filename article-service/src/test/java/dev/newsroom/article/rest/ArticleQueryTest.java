package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatScore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /articles}: every filter, order and paging rule, on articles stored for the purpose. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ArticleQueryTest {

    @Inject
    ArticleStore store;

    private static final Instant DAY = Instant.parse("2024-03-10T12:00:00Z");

    @Test
    void shouldFilterByTopicProviderCategoryTypeAndPublicationTime() {
        String topic = RankedEvents.unique("Topic");
        String domain = RankedEvents.unique("filter") + ".example";
        ArticleEvent a = RankedEvents.article().topics(topic, "Other").provider("Filter News", domain)
                .edit(b -> b.category("news").type("article")).published(DAY).build();
        ArticleEvent b = RankedEvents.article().topics(topic).provider("Filter News", " " + domain.toUpperCase() + ". ") // one host
                .edit(x -> x.category("blog").type("video")).published(DAY.plus(Duration.ofDays(1))).build();
        ArticleEvent c = RankedEvents.article().topics(topic).provider("Elsewhere", "elsewhere-" + domain)
                .edit(x -> x.category("news").type("article")).published(DAY.plus(Duration.ofDays(2))).build();
        store.upsert(List.of(a, b, c));

        assertThat(ids("/articles?topic=" + topic.toUpperCase())).containsExactly(c.articleId(), b.articleId(), a.articleId());
        assertThat(ids("/articles?topic=" + topic + "&provider=" + domain)).containsExactly(b.articleId(), a.articleId());
        assertThat(ids("/articles?topic=" + topic + "&provider=" + domain.toUpperCase() + "."))  // the same host
                .containsExactly(b.articleId(), a.articleId());
        assertThat(ids("/articles?topic=" + topic + "&category=NEWS")).containsExactly(c.articleId(), a.articleId());
        assertThat(ids("/articles?topic=" + topic + "&type=video")).containsExactly(b.articleId());
        assertThat(ids("/articles?topic=" + topic + "&from=2024-03-11")).containsExactly(c.articleId(), b.articleId());
        assertThat(ids("/articles?topic=" + topic + "&to=2024-03-11")).containsExactly(b.articleId(), a.articleId());
        assertThat(ids("/articles?topic=" + topic + "&from=2024-03-10T12:00:00Z&to=2024-03-11T12:00:00Z"))
                .containsExactly(a.articleId());
    }

    @Test
    void shouldSearchTitleExcerptAndBodyAndRankTitleMatchesFirst() {
        String word = "zyx" + RankedEvents.unique("w").replace("-", "");
        ArticleEvent inTitle = RankedEvents.article().title("A report on " + word + " satellites").build();
        ArticleEvent inExcerpt = RankedEvents.article().edit(b -> b.excerpt("Experts discussed " + word + " at length")).build();
        ArticleEvent inBody = RankedEvents.article().edit(b -> b.body("\nThe body mentions " + word + " once.\n")).build();
        store.upsert(List.of(inBody, inExcerpt, inTitle));

        assertThat(ids("/articles?q=" + word)).containsExactly(inTitle.articleId(), inExcerpt.articleId(), inBody.articleId());
        assertThat(ids("/articles?q=" + word + " satellite")).containsExactly(inTitle.articleId());  // stemmed, AND
        assertThat(ids("/articles?q=" + word + " -satellites")).containsExactly(inExcerpt.articleId(), inBody.articleId());
        assertThat(ids("/articles?q=" + word + "&sort=newest")).hasSize(3);
    }

    @Test
    void shouldOrderByHeatAndByHeatDecayedToNow() {
        String topic = RankedEvents.unique("heat");
        Instant now = Instant.now();
        // hot but old, warm and fresh: by heat the old one leads, by heat decayed to now the fresh one
        ArticleEvent old = RankedEvents.article().topics(topic).heat(400).decaying(400, 6)
                .published(now.minus(Duration.ofHours(24))).rankedAt(now).build();
        ArticleEvent fresh = RankedEvents.article().topics(topic).heat(150).decaying(150, 6)
                .published(now.minus(Duration.ofHours(1))).rankedAt(now).build();
        ArticleEvent middle = RankedEvents.article().topics(topic).heat(200).decaying(200, 6)
                .published(now.minus(Duration.ofHours(12))).rankedAt(now).build();
        store.upsert(List.of(old, fresh, middle));

        assertThat(ids("/articles?topic=" + topic + "&sort=heat")).containsExactly(old.articleId(), middle.articleId(), fresh.articleId());
        assertThat(ids("/articles?topic=" + topic + "&sort=trending"))
                .containsExactly(fresh.articleId(), middle.articleId(), old.articleId());

        JsonPath heat = given().get("/articles/" + old.articleId() + "/heat").then().statusCode(200).extract().jsonPath();
        HeatScore explanation = old.ranking().heat();
        double expected = explanation.at(old.article().publishedDateTime(), Instant.parse(heat.getString("at")));
        assertThat(heat.getDouble("heatNow")).isCloseTo(expected, within(0.01));
        assertThat(heat.getInt("heat")).isEqualTo(400);
        assertThat(heat.getInt("sourceHeat")).isEqualTo(109);
        assertThat(heat.getString("explanation.formula")).isEqualTo("test formula");
        assertThat(heat.getString("explanation.components[0].name")).isEqualTo("quality");
    }

    @Test
    void shouldPageEveryOrderWithoutGapsOrRepeatsWhileArticlesArrive() {
        String topic = RankedEvents.unique("paging");
        List<ArticleEvent> initial = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            initial.add(RankedEvents.article().topics(topic).heat(100 + (i % 5)).decaying(100 + (i % 5), 24)
                    .published(DAY.plus(Duration.ofMinutes(i % 7))).build());
        }
        store.upsert(initial);
        Set<String> expected = new HashSet<>(initial.stream().map(ArticleEvent::articleId).toList());

        for (String sort : List.of("newest", "heat", "trending", "relevance")) {
            String query = "/articles?topic=" + topic + "&size=4&sort=" + sort + (sort.equals("relevance") ? "&q=police" : "");
            List<String> seen = new ArrayList<>();
            String next = query;
            int arrivals = 0;
            while (next != null) {
                JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                next = page.getString("next");
                // new articles arrive between pages, with sort values before, among and after the pages read
                store.upsert(List.of(RankedEvents.article().topics(topic).heat(99 + arrivals % 8).decaying(99 + arrivals % 8, 24)
                        .published(DAY.plus(Duration.ofMinutes(arrivals % 9))).build()));
                arrivals++;
            }
            assertThat(seen).as(sort).doesNotHaveDuplicates();
            assertThat(seen).as(sort).containsAll(expected);
        }
    }

    @Test
    void shouldLinkTheNextPageAbsolutelyAndEndWithNull() {
        String topic = RankedEvents.unique("links");
        store.upsert(List.of(RankedEvents.article().topics(topic).build(), RankedEvents.article().topics(topic).build(),
                RankedEvents.article().topics(topic).build()));

        String next = given().get("/articles?topic=" + topic + "&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("next", startsWith("http://"))
                .body("next", containsString("topic=" + topic)).extract().path("next");
        given().get(next).then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
    }

    @Test
    void shouldNameTheParameterAndTheReasonOfEveryBadRequest() {
        bad("/articles?size=0", "size", "must be a whole number between 1 and 100");
        bad("/articles?size=ten", "size", "must be a whole number");
        bad("/articles?sort=popular", "sort", "must be one of newest, heat, trending, relevance");
        bad("/articles?sort=relevance", "sort", "relevance needs a search");
        bad("/articles?from=yesterday", "from", "must be an ISO-8601 instant");
        bad("/articles?from=2024-03-02&to=2024-03-01", "to", "must be after from");
        bad("/articles?q=", "q", "must not be empty");
        bad("/articles?q=" + "x".repeat(201), "q", "must be at most 200 characters");
        bad("/articles?topic=a&topic=b", "topic", "is given 2 times");
        bad("/articles?colour=red", "colour", "is not a parameter of this resource");
        bad("/articles?cursor=bm90aGluZw", "cursor", "is not a cursor this service issued");
        String heatCursor = given().get("/articles?sort=heat&size=1").then().extract().path("next");
        String token = heatCursor.substring(heatCursor.indexOf("cursor=") + 7);
        bad("/articles?sort=newest&cursor=" + token, "cursor", "belongs to the order 'heat'");
        bad("/articles/NOT-AN-ID", "id", "must be 16 lower-case hex digits");
        bad("/stories?size=1000", "size", "must be a whole number");
        bad("/topics?sort=name", "sort", "is not a parameter");
        bad("/providers?cursor=xyz", "cursor", "is not a cursor");
        for (String parameter : List.of("q", "topic", "provider", "category", "type")) { // PostgreSQL cannot hold a NUL
            bad("/articles?" + parameter + "=a%00b", parameter, "must not contain the character U+0000 (NUL)");
        }
        bad("/stories?topic=a%00b", "topic", "must not contain the character U+0000 (NUL)");
        bad("/articles?provider=..", "provider", "must name a domain, was '..'");
    }

    /** {@code path} as written: its escapes (%00) are sent as they are, not escaped again. */
    private static void bad(String path, String parameter, String reason) {
        given().urlEncodingEnabled(false).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad parameter '" + parameter + "'"))
                .body("detail", containsString(reason))
                .body("instance", startsWith("/"));
    }

    private static List<String> ids(String path) {
        return given().get(path).then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
