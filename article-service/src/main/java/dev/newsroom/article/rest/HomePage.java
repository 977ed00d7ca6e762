package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.TopStories;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The front page for people: top stories, overall or on one topic, as of now or of an instant, a page at a
 * time; or, with {@code q}, search results. Rendered by {@link WebPages}; blank form fields count as absent.
 */
@Path("/")
@Tag(name = "web page")
public class HomePage {

    private static final Set<String> PARAMETERS = Set.of("topic", "q", "at", "cursor");

    private final ArticleReader reader;
    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;
    private final WebPages web;

    public HomePage(ArticleReader reader, PageCache pages, Links links, ArticleServiceConfig config, WebPages web) {
        this.reader = reader;
        this.pages = pages;
        this.links = links;
        this.config = config;
        this.web = web;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The web page: top stories with their coverage, topics, search, the news as of a date",
            description = "`topic`, `q` (search: results as a list), `at` (an instant, or a date: the end of that day, UTC), "
                    + "`cursor` (from the page's next link). Blank parameters count as absent.")
    public Response index(@Context UriInfo uri, @Context HttpHeaders headers) {
        QueryParameters p = QueryParameters.of(WebPages.withoutBlanks(uri.getQueryParameters()), PARAMETERS);
        String topic = p.text("topic");
        String topicKey = p.key("topic");
        String q = p.text("q");
        Instant at = p.asOf("at");
        String atText = at == null ? null : p.text("at");
        Cursor after = q != null ? p.cursor("relevance", Float::parseFloat)
                : at == null ? p.cursor(TopStories.ORDER, Integer::parseInt) : p.cursor(TopStories.ORDER_AS_OF, Double::parseDouble);
        Rendered page = pages.get("html " + links.self(uri), () -> {
            if (topicKey != null && !reader.topicExists(topicKey)) {
                throw new NotFoundException("no live article has the topic '" + topic + "'");
            }
            return web.front(topic, topicKey, q, at, atText, after);
        });
        return HttpCaching.respond(headers, page, config.caching().feedMaxAge());
    }
}
