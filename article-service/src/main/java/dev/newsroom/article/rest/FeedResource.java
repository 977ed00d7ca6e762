package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.FeedWriter;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.TopStories;
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

    private static final Set<String> NO_PARAMETERS = Set.of();

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
    @Path("/stories.rss")
    @Produces(FeedWriter.RSS)
    @Operation(summary = "Top stories as RSS 2.0")
    @APIResponse(responseCode = "200", description = "the feed")
    public Response rss(@Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, null, FeedWriter::rss, FeedWriter.RSS);
    }

    @GET
    @Path("/stories.atom")
    @Produces(FeedWriter.ATOM)
    @Operation(summary = "Top stories as Atom 1.0")
    @APIResponse(responseCode = "200", description = "the feed")
    public Response atom(@Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, null, FeedWriter::atom, FeedWriter.ATOM);
    }

    @GET
    @Path("/stories.json")
    @Produces(FeedWriter.JSON_FEED)
    @Operation(summary = "Top stories as JSON Feed 1.1")
    @APIResponse(responseCode = "200", description = "the feed")
    public Response json(@Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, null, FeedWriter::jsonFeed, FeedWriter.JSON_FEED);
    }

    @GET
    @Path("/topics/{topic}/stories.rss")
    @Produces(FeedWriter.RSS)
    @Operation(summary = "Top stories on one topic as RSS 2.0")
    @APIResponse(responseCode = "200", description = "the feed")
    @APIResponse(responseCode = "404", description = "no live article has this topic")
    public Response topicRss(@PathParam("topic") String topic, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, topic, FeedWriter::rss, FeedWriter.RSS);
    }

    @GET
    @Path("/topics/{topic}/stories.atom")
    @Produces(FeedWriter.ATOM)
    @Operation(summary = "Top stories on one topic as Atom 1.0")
    @APIResponse(responseCode = "200", description = "the feed")
    @APIResponse(responseCode = "404", description = "no live article has this topic")
    public Response topicAtom(@PathParam("topic") String topic, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, topic, FeedWriter::atom, FeedWriter.ATOM);
    }

    @GET
    @Path("/topics/{topic}/stories.json")
    @Produces(FeedWriter.JSON_FEED)
    @Operation(summary = "Top stories on one topic as JSON Feed 1.1")
    @APIResponse(responseCode = "200", description = "the feed")
    @APIResponse(responseCode = "404", description = "no live article has this topic")
    public Response topicJson(@PathParam("topic") String topic, @Context UriInfo uri, @Context HttpHeaders headers) {
        return feed(uri, headers, topic, FeedWriter::jsonFeed, FeedWriter.JSON_FEED);
    }

    private Response feed(UriInfo uri, HttpHeaders headers, String topic, Function<FeedWriter.Feed, String> writer,
                          String mediaType) {
        QueryParameters.of(uri.getQueryParameters(), NO_PARAMETERS);
        String topicKey = topic == null ? null : topic.strip().toLowerCase(Locale.ROOT);
        Rendered page = pages.get(links.self(uri), () -> {
            if (topicKey != null && (topicKey.isEmpty() || topicKey.length() > QueryParameters.MAX_TEXT
                    || !reader.topicExists(topicKey))) {
                throw new NotFoundException("no live article has the topic '" + topic + "'");
            }
            List<TopStories.Story> top = stories.page(topicKey, null, config.feeds().size(),
                    config.paging().storyCoverage()).stories();
            String title = config.feeds().title() + ": top stories" + (topic == null ? "" : " on " + topic.strip());
            String home = links.to(uri, "/") + (topic == null ? "" : "?topic=" + URLEncoder.encode(topic.strip(), StandardCharsets.UTF_8));
            FeedWriter.Feed feed = new FeedWriter.Feed(title, "The hottest stories" + (topic == null ? "" : " on "
                    + topic.strip()) + ", each with its lead article and the other coverage", home, links.self(uri),
                    id -> links.segments(uri, "stories", id), top);
            return Rendered.of(writer.apply(feed), mediaType + ";charset=UTF-8");
        });
        return HttpCaching.respond(headers, page, config.caching().feedMaxAge());
    }
}
