package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.TopStories;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The web page for people: top stories, overall or on one topic, with the topics and the feeds. */
@Path("/")
@Tag(name = "web page")
public class HomePage {

    private static final Set<String> PARAMETERS = Set.of("topic");
    private static final int TOPICS_SHOWN = 20;

    /** A topic as the page links it. */
    public record TopicLink(String name, int articles, String href) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String title, String topic, List<TopStories.Story> stories,
                                             List<TopicLink> topics, String feedPath);
    }

    private final TopStories stories;
    private final ArticleReader reader;
    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;

    public HomePage(TopStories stories, ArticleReader reader, PageCache pages, Links links, ArticleServiceConfig config) {
        this.stories = stories;
        this.reader = reader;
        this.pages = pages;
        this.links = links;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The web page: top stories with their coverage, the topics and the feeds")
    public Response index(@Context UriInfo uri, @Context HttpHeaders headers) {
        QueryParameters p = QueryParameters.of(uri.getQueryParameters(), PARAMETERS);
        String topic = p.text("topic");
        String topicKey = p.key("topic");
        Rendered page = pages.get(links.self(uri), () -> {
            if (topicKey != null && !reader.topicExists(topicKey)) {
                throw new NotFoundException("no live article has the topic '" + topic + "'");
            }
            List<TopStories.Story> top = stories.page(topicKey, null, config.feeds().size(),
                    config.paging().storyCoverage()).stories();
            List<TopicLink> topics = reader.topics(null, TOPICS_SHOWN).stream()
                    .map(t -> new TopicLink(t.name() == null ? t.key() : t.name(), t.articles(),
                            "/?topic=" + URLEncoder.encode(t.name() == null ? t.key() : t.name(), StandardCharsets.UTF_8)))
                    .toList();
            String title = config.feeds().title() + (topic == null ? "" : ": " + topic);
            String feedPath = topic == null ? "/feeds/stories"
                    : "/feeds/topics/" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20") + "/stories";
            return Rendered.of(Templates.index(title, topic, top, topics, feedPath).render(), MediaType.TEXT_HTML + ";charset=UTF-8");
        });
        return HttpCaching.respond(headers, page, config.caching().feedMaxAge());
    }
}
