package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.FeedWriter;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.TopStories;
import dev.newsroom.model.Article;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feeds of the top stories, overall and per topic: RSS 2.0, Atom 1.0 and JSON Feed 1.1. */
@Path("/feeds")
@Tag(name = "feeds")
public class FeedResource {

    private static final Set<String> PARAMETERS = Set.of("at");

    private final TopStories stories;
    private final ArticleReader reader;
    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;

    public FeedResource(TopStories stories, ArticleReader reader, PageCache pages, Links links, ArticleServiceConfig config) {
        this.stories = stories;
        this.reader = reader;
        this.pages = pages;
        this.links = links;
        this.config = config;
    }

    @GET
    @Path("/stories.{format: rss|atom|json}")
    @Produces({FeedWriter.RSS, FeedWriter.ATOM, FeedWriter.JSON_FEED})
    @Operation(summary = "Top stories as RSS 2.0 (.rss), Atom 1.0 (.atom) or JSON Feed 1.1 (.json)",
            description = "With `at` (an instant, or a date meaning the end of that day, UTC): the top stories as they were then.")
    @APIResponse(responseCode = "200", description = "the feed")
    public Response stories(@PathParam("format") String format, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, null, Format.valueOf(format.toUpperCase(Locale.ROOT)));
    }

    @GET
    @Path("/topics/{topic}/stories.{format: rss|atom|json}")
    @Produces({FeedWriter.RSS, FeedWriter.ATOM, FeedWriter.JSON_FEED})
    @Operation(summary = "Top stories on one topic as RSS 2.0 (.rss), Atom 1.0 (.atom) or JSON Feed 1.1 (.json)")
    @APIResponse(responseCode = "200", description = "the feed")
    @APIResponse(responseCode = "404", description = "no live article has this topic")
    public Response topicStories(@PathParam("topic") String topic, @PathParam("format") String format,
                                 @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, topic, Format.valueOf(format.toUpperCase(Locale.ROOT)));
    }

    /** The three kinds of feed: how each is written and its media type. */
    private enum Format {
        RSS(FeedWriter::rss, FeedWriter.RSS),
        ATOM(FeedWriter::atom, FeedWriter.ATOM),
        JSON(FeedWriter::jsonFeed, FeedWriter.JSON_FEED);

        final Function<FeedWriter.Feed, String> writer;
        final String mediaType;

        Format(Function<FeedWriter.Feed, String> writer, String mediaType) {
            this.writer = writer;
            this.mediaType = mediaType;
        }
    }

    private Response feed(UriInfo uri, HttpHeaders headers, String topic, Format format) {
        java.time.Instant at = QueryParameters.of(uri.getQueryParameters(), PARAMETERS).asOf("at");
        String topicKey = Article.nameKey(topic);
        Rendered page = pages.get(links.self(uri), () -> {
            if (topicKey != null && (topicKey.isEmpty() || topicKey.length() > QueryParameters.MAX_TEXT
                    || topicKey.indexOf('\u0000') >= 0 || !reader.topicExists(topicKey))) { // no stored topic holds a NUL
                throw new NotFoundException("no live article has the topic '" + topic + "'");
            }
            List<TopStories.Story> top = stories.page(topicKey, at, null, config.feeds().size(),
                    config.paging().storyCoverage()).stories();
            String title = config.feeds().title() + ": top stories" + (topic == null ? "" : " on " + topic.strip());
            String home = links.to(uri, "/") + (topic == null ? "" : "?topic=" + URLEncoder.encode(topic.strip(), StandardCharsets.UTF_8));
            FeedWriter.Feed feed = new FeedWriter.Feed(title, "The hottest stories" + (topic == null ? "" : " on "
                    + topic.strip()) + ", each with its lead article and the other coverage", home, links.self(uri),
                    id -> links.segments(uri, "stories", id), top);
            return Rendered.of(format.writer.apply(feed), format.mediaType + ";charset=UTF-8");
        });
        return HttpCaching.respond(headers, page, config.caching().feedMaxAge());
    }
}
