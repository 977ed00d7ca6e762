package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.event.ArticleEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feeds read back by Rome's parser (RSS, Atom) and checked against JSON Feed 1.1's required fields. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class FeedTest {

    @Inject
    ArticleStore store;

    private String topic;
    private ArticleEvent lead;
    private ArticleEvent other;

    @BeforeEach
    void storeAStoryOnATopicOfItsOwn() {
        topic = RankedEvents.unique("Feeds Topic");
        String story = RankedEvents.unique("feed-story");
        RankedEvents leadEvent = RankedEvents.article().topics(topic).heat(5000).title("The lead of the feed story");
        lead = leadEvent.story(story, leadEvent.id(), 2).build();
        other = RankedEvents.article().topics(topic).heat(4000).title("Other coverage of it")
                .provider("The Guardian", "theguardian.com").story(story, leadEvent.id(), 2).build();
        store.upsert(List.of(lead, other));
    }

    @Test
    void shouldWriteRssThatRomeReadsBackWithAbsoluteLinksAndDates() throws Exception {
        String xml = given().get("/feeds/topics/" + topic + "/stories.rss").then().statusCode(200)
                .contentType("application/rss+xml").extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Newsroom: top stories on " + topic);
        assertThat(URI.create(feed.getLink()).isAbsolute()).isTrue();
        assertThat(feed.getEntries()).hasSize(1);
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(entry.getTitle()).isEqualTo("The lead of the feed story");
        assertThat(entry.getLink()).isEqualTo(lead.article().webUrl());
        assertThat(entry.getPublishedDate().toInstant()).isEqualTo(lead.article().publishedDateTime());
        assertThat(entry.getDescription().getValue()).contains("Also covered by: The Guardian: Other coverage of it");
        assertThat(entry.getCategories()).extracting("name").contains(topic);
    }

    @Test
    void shouldWriteAtomThatRomeReadsBackWithSelfLinkIdsAndUpdatedDates() throws Exception {
        String xml = given().get("/feeds/topics/" + topic + "/stories.atom").then().statusCode(200)
                .contentType("application/atom+xml").extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getLinks()).anySatisfy(l -> {
            assertThat(l.getRel()).isEqualTo("self");
            assertThat(l.getHref()).startsWith("http://").endsWith("/stories.atom");
        });
        SyndEntry entry = feed.getEntries().get(0);
        assertThat(URI.create(entry.getUri()).isAbsolute()).isTrue();
        assertThat(entry.getUri()).contains("/stories/");
        assertThat(entry.getUpdatedDate()).isNotNull();
        assertThat(entry.getLink()).isEqualTo(lead.article().webUrl());
    }

    @Test
    void shouldWriteJsonFeedWithEveryRequiredField() {
        JsonPath feed = given().get("/feeds/topics/" + topic + "/stories.json").then().statusCode(200)
                .contentType("application/feed+json").extract().jsonPath();

        assertThat(feed.getString("version")).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.getString("title")).isNotBlank();
        assertThat(URI.create(feed.getString("feed_url")).isAbsolute()).isTrue();
        assertThat(URI.create(feed.getString("home_page_url")).isAbsolute()).isTrue();
        List<Map<String, Object>> items = feed.getList("items");
        assertThat(items).hasSize(1);
        Map<String, Object> item = items.get(0);
        assertThat(item.get("id")).asString().startsWith("http");
        assertThat(item.get("content_text")).asString().isNotBlank();
        assertThat(item.get("url")).isEqualTo(lead.article().webUrl());
        assertThat(Instant.parse((String) item.get("date_published"))).isEqualTo(lead.article().publishedDateTime());
    }

    @Test
    void shouldPutTheHottestStoryFirstInTheOverallFeeds() throws Exception {
        String xml = given().get("/feeds/stories.rss").then().statusCode(200).extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getEntries()).isNotEmpty();
        assertThat(given().get("/feeds/stories.atom").then().statusCode(200).extract().asString()).contains("<feed");
        assertThat(given().get("/feeds/stories.json").then().statusCode(200).extract().jsonPath().getList("items")).isNotEmpty();
    }

    @Test
    void shouldAnswer404ForAFeedOfATopicNobodyWritesAbout() {
        given().get("/feeds/topics/no-such-topic-" + System.nanoTime() + "/stories.rss").then().statusCode(404)
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/feeds/topics/a%00b/stories.atom").then().statusCode(404)
                .contentType("application/problem+json"); // a NUL, which no stored topic holds
    }

    @Test
    void shouldShowTopStoriesOnTheWebPage() {
        given().get("/?topic=" + topic).then().statusCode(200).contentType("text/html")
                .body(containsString("The lead of the feed story"))
                .body(containsString("Full coverage: 1 more from The Guardian"))
                .body(containsString("application/rss+xml"));
        given().accept("text/html").get("/stories/" + lead.ranking().story().id()).then().statusCode(200)
                .contentType("text/html").body(containsString("Other coverage of it"));
        given().get("/").then().statusCode(200).body(containsString("Top stories"));
    }
}
