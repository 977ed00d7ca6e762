package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages for people: what each shows, that they stay light, and that JSON stays the API's default. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class WebPagesTest {

    private static final int PAGE_BYTES_MAX = 200 * 1024;

    @Inject
    ArticleStore store;

    private String topic;
    private RankedEvents lead;
    private RankedEvents other;

    @BeforeEach
    void storeAStory() {
        topic = RankedEvents.unique("Pages Topic");
        String story = RankedEvents.unique("pages-story");
        lead = RankedEvents.article().topics(topic, "AI").heat(9000).title("Lead of the page story " + topic);
        other = RankedEvents.article().topics(topic).heat(8000).title("Second of the page story " + topic)
                .provider("Reuters", "reuters.com");
        lead.story(story, lead.id(), 2);
        other.story(story, lead.id(), 2);
        store.upsert(List.of(lead.build(), other.build()));
    }

    @Test
    void shouldShowEachStoryWithItsLeadImageExcerptAndCoverage() {
        String page = given().get("/?topic=" + topic).then().statusCode(200).extract().asString();

        assertThat(page).contains("<h1>Top stories on " + topic + "</h1>")
                .contains("<a href=\"" + lead.build().article().webUrl() + "\">Lead of the page story")
                .contains("New York Times")
                .contains("loading=\"lazy\"").contains("alt=\"")
                .contains("https://static01.nyt.com/images/2020/01/11/multimedia/11pinellas/00pinellas-facebookJumbo.jpg")
                .contains("Full coverage: 1 more from Reuters")
                .contains("href=\"/stories/").contains("aria-current=\"page\">" + topic + "</a>")
                .contains("type=\"date\" name=\"at\"").contains("name=\"q\"");
    }

    @Test
    void shouldSearchWithQAndListTheResults() {
        String page = given().get("/?q=facial recognition&topic=" + topic).then().statusCode(200).extract().asString();

        assertThat(page).contains("Results for \u201cfacial recognition\u201d").contains("Lead of the page story " + topic)
                .contains("Second of the page story " + topic);
    }

    @Test
    void shouldAnswerASearchOrTopicHoldingANulWith400NamingTheField() {
        for (String field : List.of("q", "topic")) {
            given().urlEncodingEnabled(false).get("/?" + field + "=a%00b").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Bad parameter '" + field + "'"))
                    .body("detail", containsString("U+0000 (NUL)"));
        }
    }

    @Test
    void shouldTakeBlankFormFieldsAsAbsent() {
        given().get("/?q=&at=&topic=" + topic).then().statusCode(200);
    }

    @Test
    void shouldShowTheArticlePageWithItsEditorialLinksTopicsAndProvider() {
        String page = given().accept("text/html").get("/articles/" + lead.id()).then().statusCode(200)
                .contentType("text/html").header("Vary", "Accept").extract().asString();

        assertThat(page).contains("<h1><a href=\"" + lead.build().article().webUrl() + "\">Lead of the page story")
                .contains("The benefits of facial recognition AI are being wildly overstated")
                .contains("<span class=\"tag\">editorial</span>")
                .contains("href=\"/?topic=AI\"").contains("New York Times").contains("Why it is hot");
        // the API's default stays JSON
        given().get("/articles/" + lead.id()).then().statusCode(200).contentType("application/json");
        given().get("/stories/" + lead.build().ranking().story().id()).then().statusCode(200)
                .contentType("application/json");
    }

    @Test
    void shouldShowTheWholeCoverageOfAStoryInTimeOrderWithWhyItIsHot() {
        String page = given().accept("text/html").get("/stories/" + lead.build().ranking().story().id()).then()
                .statusCode(200).contentType("text/html").extract().asString();

        assertThat(page).contains("Why it is hot").contains("Quality").contains("Recency")
                .contains("Lead of the page story " + topic).contains("Second of the page story " + topic)
                .contains("<h2 id=\"providers\">Providers</h2>");
    }

    @Test
    void shouldKeepEveryPageUnder200KilobytesBeforeImages() {
        List<RankedEvents> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(RankedEvents.article().topics(topic).heat(7000 - i).title("Filler story " + i + " " + "x".repeat(180)));
        }
        store.upsert(many.stream().map(RankedEvents::build).toList());
        for (String path : List.of("/", "/?topic=" + topic, "/?q=facial", "/stories/" + lead.build().ranking().story().id(),
                "/articles/" + lead.id())) {
            byte[] body = given().accept("text/html").header("Accept-Encoding", "identity").get(path).then().statusCode(200)
                    .extract().asByteArray();
            assertThat(body.length).as(path).isLessThan(PAGE_BYTES_MAX);
        }
    }
}
