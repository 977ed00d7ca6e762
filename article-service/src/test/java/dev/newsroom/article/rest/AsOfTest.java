package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The news as it was ({@code at=}): a story of three articles from three providers published on 20, 21 and
 * 23 April 2020. As of 21 April noon only the first two exist, its coverage counts their two providers, and
 * heat is measured from then.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class AsOfTest {

    private static final Instant AT = Instant.parse("2020-04-21T12:00:00Z");
    private static final double W = 0.25;

    @Inject
    ArticleStore store;

    private String topic;
    private String story;
    private RankedEvents first;
    private RankedEvents second;
    private RankedEvents third;

    @BeforeEach
    void storeAStoryPublishedOverThreeDays() {
        topic = RankedEvents.unique("AsOf Topic");
        story = RankedEvents.unique("asof-story");
        first = article("First", "2020-04-20T10:00:00Z", "a.example", 100);
        second = article("Second", "2020-04-21T10:00:00Z", "b.example", 80);
        third = article("Third", "2020-04-23T10:00:00Z", "c.example", 300);
        // ranking-service named the latest, hottest article the lead: as of 21 April it did not exist yet
        for (RankedEvents a : List.of(first, second, third)) {
            a.story(story, third.id(), 3);
        }
        store.upsert(List.of(first.build(), second.build(), third.build()));
    }

    private RankedEvents article(String title, String published, String domain, double base) {
        return RankedEvents.article().topics(topic).title(title + " " + topic).provider(domain, domain)
                .published(Instant.parse(published)).edit(b -> b.related(List.of())).heat((int) base)
                .decaying(base, 24).storyProviders("a.example", "b.example", "c.example");
    }

    private static double coverage(int providers) {
        return 1 + W * Math.log(providers);
    }

    private static double expected(double base, String published) {
        double hours = (AT.toEpochMilli() - Instant.parse(published).toEpochMilli()) / 3_600_000.0;
        return base * coverage(2) / coverage(3) * Math.pow(0.5, hours / 24);
    }

    @Test
    void shouldListOnlyArticlesPublishedByThenHottestAsOfThen() {
        JsonPath page = given().get("/articles?topic={t}&sort=heat&at={at}", topic, AT.toString()).then().statusCode(200)
                .body("items.id", contains(second.id(), first.id())).extract().jsonPath();

        assertThat(page.getDouble("items[0].heatAt")).isCloseTo(expected(80, "2020-04-21T10:00:00Z"), within(0.001));
        assertThat(page.getDouble("items[1].heatAt")).isCloseTo(expected(100, "2020-04-20T10:00:00Z"), within(0.001));
        assertThat(page.getString("items[0].at")).isEqualTo(AT.toString());
        given().get("/articles?topic={t}&sort=trending&at={at}", topic, AT.toString()).then().statusCode(200)
                .body("items.id", contains(second.id(), first.id()));
    }

    @Test
    void shouldPageTheHeatAsOfThenWithTheNextLink() {
        String next = given().get("/articles?topic={t}&sort=heat&size=1&at={at}", topic, AT.toString()).then()
                .statusCode(200).body("items.id", contains(second.id())).extract().path("next");
        // the next link is already encoded
        given().urlEncodingEnabled(false).get(next).then().statusCode(200).body("items.id", contains(first.id()))
                .body("next", equalTo(null));
    }

    @Test
    void shouldTakeADateAsTheEndOfThatDay() {
        given().get("/articles?topic={t}&at=2020-04-21", topic).then().statusCode(200)
                .body("items.id", contains(second.id(), first.id()));
        given().get("/articles?topic={t}&at=2020-04-20", topic).then().statusCode(200)
                .body("items.id", contains(first.id()));
    }

    @Test
    void shouldKeepTodaysBehaviourWithoutAt() {
        given().get("/articles?topic={t}&sort=heat", topic).then().statusCode(200)
                .body("items.id", contains(third.id(), first.id(), second.id()))
                .body("items[0].heatAt", equalTo(null));
        given().get("/stories?topic={t}", topic).then().statusCode(200).body("items[0].heat", equalTo(300))
                .body("items[0].articles", equalTo(3));
    }

    @Test
    void shouldShowTheStoryWithTheCoverageOfThen() {
        JsonPath stories = given().get("/stories?topic={t}&at={at}", topic, AT.toString()).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(story))
                .body("items[0].articles", equalTo(2))
                .body("items[0].providers", contains("a.example", "b.example"))
                .body("items[0].coverage.id", contains(first.id()))
                .extract().jsonPath();
        assertThat(stories.getString("items[0].lead")).contains(second.id());
        assertThat(stories.getInt("items[0].heat")).isEqualTo((int) Math.round(expected(80, "2020-04-21T10:00:00Z")));

        given().get("/stories/{id}?at={at}", story, AT.toString()).then().statusCode(200)
                .body("coverage.id", contains(first.id()));
        given().get("/stories/{id}?at=2020-04-19", story).then().statusCode(404);
    }

    @Test
    void shouldLeaveLaterArticlesOutOfFeedsAndPages() {
        String feed = given().get("/feeds/topics/{t}/stories.json?at={at}", topic, AT.toString()).then().statusCode(200)
                .extract().asString();
        assertThat(feed).contains("Second " + topic).doesNotContain("Third " + topic);

        String page = given().get("/?topic={t}&at=2020-04-21", topic).then().statusCode(200).contentType("text/html")
                .extract().asString();
        assertThat(page).contains("as of 21 April 2020").contains("Second " + topic).doesNotContain("Third " + topic)
                .containsPattern("heat [1-9]\\d*")
                .contains("Full coverage: 1 more from a.example");

        String storyPage = given().accept("text/html").get("/stories/{id}?at={at}", story, AT.toString()).then()
                .statusCode(200).contentType("text/html").extract().asString();
        assertThat(storyPage).contains("Why it is hot").contains("First " + topic).contains("Second " + topic)
                .doesNotContain("Third " + topic).contains("2 providers covering the story");
    }

    @Test
    void shouldRefuseAnAtThatIsNoInstant() {
        given().get("/articles?at=yesterday").then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("at"));
        given().get("/stories?at=2020-13-01").then().statusCode(400);
    }
}
