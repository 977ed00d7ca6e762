package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.Image;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output does not trust input: records stored straight from {@code articles.ranked} (bypassing ingest, which
 * would refuse them) with script links and a title made of markup. The page and the feeds render no link
 * that is not http(s) and show the title as text; the JSON API still answers the record as it was stored.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class HostileRecordTest {

    private static final String SCRIPT_LINK = "javascript:alert(1)";
    private static final String HIDDEN_HOST_LINK = "https://www.nytimes.com@phish.example/2020/01/12/a.html";
    private static final String MARKUP_TITLE = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    private static final String ESCAPED_TITLE = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;";
    private static final Pattern LINK_ATTRIBUTE = Pattern.compile("(?i)\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"");

    @Inject
    ArticleStore store;

    private String topic;
    private RankedEvents lead;
    private RankedEvents other;

    @BeforeEach
    void storeAStoryWhoseRecordsCarryScriptLinksAndMarkup() {
        topic = RankedEvents.unique("Hostile Topic");
        String story = RankedEvents.unique("hostile-story");
        lead = hostile(RankedEvents.article()).heat(7000);
        other = hostile(RankedEvents.article()).heat(6000).title("Other coverage " + MARKUP_TITLE)
                .edit(b -> b.webUrl(HIDDEN_HOST_LINK)); // RFC 9110 4.2.4: a user name before the host hides it
        lead.story(story, lead.id(), 2);
        other.story(story, lead.id(), 2);
        store.upsert(List.of(lead.build(), other.build()));
    }

    private RankedEvents hostile(RankedEvents article) {
        RelatedArticle related = new RelatedArticle("Related " + MARKUP_TITLE, "an excerpt", null, " javascript:alert(2)",
                SCRIPT_LINK, "data:text/html,<script>alert(3)</script>", "java\tscript:alert(4)", "article",
                new Provider("Evil", "evil.example", List.of(Image.of(SCRIPT_LINK, 50, 50)), Map.of()), 50,
                List.of(Image.of(SCRIPT_LINK, 10, 10)), Map.of());
        return article.topics(topic).title(MARKUP_TITLE).edit(b -> b.webUrl(SCRIPT_LINK).originalUrl("vbscript:msgbox(1)")
                .excerpt("An excerpt with <b>markup</b> & an ampersand")
                .provider(new Provider("<i>Provider</i>", "provider.example", List.of(Image.of(SCRIPT_LINK, 50, 50)), Map.of()))
                .images(List.of(Image.of(SCRIPT_LINK, 640, 480), Image.of("data:image/svg+xml,<svg onload=alert(1)>", 1, 1)))
                .related(List.of(related)));
    }

    @Test
    void shouldRenderJavascriptLinkAsTextOnThePage() {
        String page = given().get("/?topic=" + topic).then().statusCode(200).contentType("text/html")
                .extract().asString();

        assertThat(page).doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("vbscript:")
                .doesNotContain("data:").doesNotContain("phish.example");
        assertThat(linksIn(page)).isNotEmpty().allSatisfy(HostileRecordTest::assertHttpOrOwn);
        assertThat(page).contains("<h2>" + ESCAPED_TITLE + "</h2>");
    }

    @Test
    void shouldRenderHostileRecordsAsHarmlessTextOnTheStoryAndArticlePages() {
        for (String path : List.of("/stories/" + lead.build().ranking().story().id(), "/articles/" + lead.id(),
                "/articles/" + other.id())) {
            String page = given().accept("text/html").get(path).then().statusCode(200).contentType("text/html")
                    .extract().asString();

            assertThat(page).as(path).doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("vbscript:")
                    .doesNotContain("data:").doesNotContain("<script").doesNotContain("<img")
                    .doesNotContain("<i>Provider").doesNotContain("phish.example").contains(ESCAPED_TITLE);
            assertThat(linksIn(page)).as(path).isNotEmpty().allSatisfy(HostileRecordTest::assertHttpOrOwn);
        }
        String story = given().accept("text/html").get("/stories/" + lead.build().ranking().story().id()).then()
                .extract().asString();
        assertThat(story).contains("Other coverage " + ESCAPED_TITLE);
    }

    @Test
    void shouldEscapeTheTitleOnThePage() {
        String page = given().get("/?topic=" + topic).then().statusCode(200).extract().asString();

        assertThat(page).doesNotContain("<script").doesNotContain("<img").doesNotContain("<i>Provider")
                .contains(ESCAPED_TITLE).contains("&lt;i&gt;Provider&lt;/i&gt;");
    }

    @Test
    void shouldLinkRssItemToTheStoryInsteadOfAJavascriptLink() throws Exception {
        String xml = given().get("/feeds/topics/" + topic + "/stories.rss").then().statusCode(200).extract().asString();

        assertThat(xml).doesNotContainIgnoringCase("javascript:").doesNotContain("<script").doesNotContain("<img");
        SyndEntry entry = onlyEntry(xml);
        assertThat(entry.getTitle()).isEqualTo(MARKUP_TITLE);
        assertThat(entry.getLink()).startsWith("http://").contains("/stories/");
        // RSS readers render an item's description as HTML: it arrives escaped once more
        assertThat(entry.getDescription().getValue()).contains("&lt;b&gt;markup&lt;/b&gt; &amp; an ampersand")
                .contains("Other coverage " + ESCAPED_TITLE).doesNotContain("<");
    }

    @Test
    void shouldLinkAtomEntryToTheStoryInsteadOfAJavascriptLink() throws Exception {
        String xml = given().get("/feeds/topics/" + topic + "/stories.atom").then().statusCode(200).extract().asString();

        assertThat(xml).doesNotContainIgnoringCase("javascript:").doesNotContain("<script").doesNotContain("<img")
                .contains(ESCAPED_TITLE);
        SyndEntry entry = onlyEntry(xml);
        assertThat(entry.getTitle()).isEqualTo(MARKUP_TITLE);
        assertThat(entry.getLinks()).isNotEmpty().allSatisfy(l -> assertThat(l.getHref()).startsWith("http://")
                .contains("/stories/"));
        assertThat(entry.getDescription().getType()).isEqualTo("text");
        assertThat(entry.getDescription().getValue()).contains("An excerpt with <b>markup</b> & an ampersand");
    }

    @Test
    void shouldLeaveScriptImagesAndLinksOutOfTheJsonFeed() {
        String body = given().get("/feeds/topics/" + topic + "/stories.json").then().statusCode(200).extract().asString();

        assertThat(body).doesNotContainIgnoringCase("javascript:").doesNotContain("data:");
        Map<String, Object> item = JsonPath.from(body).getMap("items[0]");
        assertThat(item).doesNotContainKey("image").doesNotContainKey("content_html");
        assertThat((String) item.get("url")).startsWith("http://").contains("/stories/");
        assertThat(item.get("title")).isEqualTo(MARKUP_TITLE);
    }

    @Test
    void shouldStillAnswerTheStoredRecordAsDataInJson() {
        given().get("/articles/" + lead.id()).then().statusCode(200).contentType("application/json")
                .header("X-Content-Type-Options", "nosniff")
                .body("title", equalTo(MARKUP_TITLE))
                .body("webUrl", equalTo(SCRIPT_LINK))
                .body("images[0].url", equalTo(SCRIPT_LINK))
                .body("related[0].webUrl", equalTo(SCRIPT_LINK));
        given().get("/articles/" + lead.id() + "/related").then().statusCode(200)
                .body("items[0].webUrl", equalTo(SCRIPT_LINK));
    }

    private static SyndEntry onlyEntry(String xml) throws Exception {
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getEntries()).hasSize(1);
        return feed.getEntries().get(0);
    }

    private static List<String> linksIn(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK_ATTRIBUTE.matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    /** A link of the page is to another site over http(s), to a path of this service, or to a part of the page. */
    private static void assertHttpOrOwn(String href) {
        assertThat(href).matches("(https?://\\S+|/[^/\\\\]\\S*|/|#[\\w-]+)");
    }
}
