package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsroom.article.repository.ArticleReader.Member;
import dev.newsroom.model.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feeds of one story whose lead has a script link, a data: image and markup in its text; no container. */
class FeedWriterTest {

    private static final Instant PUBLISHED = Instant.parse("2026-03-01T12:00:00Z");
    private static final String STORY_URL = "http://news.example/stories/s1";

    private static FeedWriter.Feed feed(String leadUrl, String imageUrl) {
        String document = Json.write(Map.of("excerpt", "Tom & Jerry <b>fight</b>", "topics", List.of("AI"),
                "images", List.of(Map.of("url", imageUrl))));
        Member lead = new Member("0123456789abcdef", "s1", "<script>alert(1)</script>", leadUrl, PUBLISHED,
                "Provider", "provider.example", 100);
        StoryView view = new StoryView("s1", 100, 1, 1, List.of("provider.example"), PUBLISHED, PUBLISHED, PUBLISHED,
                document, List.of());
        return new FeedWriter.Feed("Newsroom", "top stories", "http://news.example/", "http://news.example/feed",
                id -> "http://news.example/stories/" + id, List.of(new TopStories.Story(view, lead)));
    }

    private static SyndEntry entry(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml)).getEntries().get(0);
    }

    @Test
    void shouldLinkEntriesToTheStoryWhenTheLeadAddressIsNotHttp() throws Exception {
        FeedWriter.Feed feed = feed("javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>");

        assertThat(entry(FeedWriter.rss(feed)).getLink()).isEqualTo(STORY_URL);
        assertThat(entry(FeedWriter.atom(feed)).getLink()).isEqualTo(STORY_URL);
        String json = FeedWriter.jsonFeed(feed);
        assertThat(json).doesNotContain("javascript:").doesNotContain("data:");
        assertThat(Json.mapper().readTree(json).path("items").get(0).path("url").asText()).isEqualTo(STORY_URL);
        assertThat(Json.mapper().readTree(json).path("items").get(0).has("image")).isFalse();
    }

    @Test
    void shouldLinkEntriesToTheLeadArticleWhenItIsHttp() throws Exception {
        FeedWriter.Feed feed = feed("https://provider.example/a", "https://provider.example/a.jpg");

        assertThat(entry(FeedWriter.rss(feed)).getLink()).isEqualTo("https://provider.example/a");
        assertThat(entry(FeedWriter.atom(feed)).getLink()).isEqualTo("https://provider.example/a");
        assertThat(Json.mapper().readTree(FeedWriter.jsonFeed(feed)).path("items").get(0).path("image").asText())
                .isEqualTo("https://provider.example/a.jpg");
    }

    @Test
    void shouldWriteRssDescriptionsAsEscapedHtmlAndAtomSummariesAsText() throws Exception {
        FeedWriter.Feed feed = feed("https://provider.example/a", "https://provider.example/a.jpg");

        String rss = FeedWriter.rss(feed);
        assertThat(rss).contains("Tom &amp;amp; Jerry &amp;lt;b&amp;gt;fight&amp;lt;/b&amp;gt;")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script").doesNotContain("<b>");
        SyndEntry atom = entry(FeedWriter.atom(feed));
        assertThat(atom.getTitle()).isEqualTo("<script>alert(1)</script>");
        assertThat(atom.getDescription().getType()).isEqualTo("text");
        assertThat(atom.getDescription().getValue()).isEqualTo("Tom & Jerry <b>fight</b>");
    }

    @Test
    void shouldEscapeTheFiveHtmlCharacters() {
        assertThat(FeedWriter.html("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    }
}
