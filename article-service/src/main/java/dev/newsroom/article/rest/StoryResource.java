package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.StoryView;
import dev.newsroom.article.service.TopStories;
import dev.newsroom.model.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stories: the articles about one event, grouped, hottest first. */
@Path("/stories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "stories")
public class StoryResource {

    /** Articles listed with one story of {@code GET /stories/{id}}. */
    static final int MAX_STORY_COVERAGE = 500;
    private static final Set<String> LIST_PARAMETERS = Set.of("topic", "size", "cursor", "at");
    private static final Set<String> STORY_PARAMETERS = Set.of("at");
    private static final java.util.List<jakarta.ws.rs.core.Variant> STORY_VARIANTS = jakarta.ws.rs.core.Variant
            .mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_HTML_TYPE).build();

    private final TopStories stories;
    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;
    private final WebPages web;

    public StoryResource(TopStories stories, PageCache pages, Links links, ArticleServiceConfig config, WebPages web) {
        this.stories = stories;
        this.pages = pages;
        this.links = links;
        this.config = config;
        this.web = web;
    }

    @GET
    @Operation(summary = "Top stories, hottest first",
            description = "Each story with its heat (its hottest live article's), its lead article in full and up to ten "
                    + "other articles of its coverage in brief. Stories whose articles were all retracted are left out.")
    @APIResponse(responseCode = "200", description = "a page of stories",
            content = @Content(schema = @Schema(implementation = ApiSchemas.StoryPage.class)))
    @APIResponse(responseCode = "400", description = "a bad parameter, named", content = @Content(mediaType = "application/problem+json"))
    public Response list(
            @Parameter(description = "only stories with a live article on this topic (case-insensitive)") @QueryParam("topic") String topic,
            @Parameter(description = "stories per page, 1 to 100 (default 20)") @QueryParam("size") String size,
            @Parameter(description = "the position to continue after, from a `next` link") @QueryParam("cursor") String cursor,
            @Parameter(description = "the news as it was at this instant or date (the end of that day, UTC): only articles "
                    + "published by then, heat as of then, coverage counting only members published by then") @QueryParam("at") String at,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        QueryParameters p = QueryParameters.of(uri.getQueryParameters(), LIST_PARAMETERS);
        String topicKey = p.key("topic");
        int pageSize = p.size(config.paging().defaultSize(), config.paging().maxSize());
        java.time.Instant asOf = p.asOf("at");
        Cursor after = asOf == null ? p.cursor(TopStories.ORDER, Integer::parseInt)
                : p.cursor(TopStories.ORDER_AS_OF, Double::parseDouble);
        java.util.function.Supplier<Rendered> render = () -> {
            TopStories.Page page = stories.page(topicKey, asOf, after, pageSize, config.paging().storyCoverage());
            return ListPage.of(page.stories().stream().map(s -> Json.write(s.view())).toList(),
                    page.next() == null ? null : links.next(uri, page.next().encode()));
        };
        Rendered page = after == null ? pages.get(links.self(uri), render) : render.get();
        return HttpCaching.respond(headers, page, config.caching().listMaxAge());
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "One story, with its lead article and all its live coverage (up to 500 articles)",
            description = "As JSON (the default), or as a web page for `Accept: text/html` (browsers): the whole coverage "
                    + "in time order, why it is hot and its providers.")
    @APIResponse(responseCode = "200", description = "the story", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoryView.class)),
            @Content(mediaType = MediaType.TEXT_HTML)})
    @APIResponse(responseCode = "404", description = "no story with this id has a live article (published by `at`)",
            content = @Content(mediaType = "application/problem+json"))
    public Response byId(@PathParam("id") String id,
                         @Parameter(description = "the story as it was at this instant or date") @QueryParam("at") String at,
                         @Context UriInfo uri, @Context jakarta.ws.rs.core.Request request, @Context HttpHeaders headers) {
        if (id.length() > 64) {
            throw new BadParameterException("id", "must be at most 64 characters");
        }
        QueryParameters p = QueryParameters.of(WebPages.withoutBlanks(uri.getQueryParameters()), STORY_PARAMETERS);
        java.time.Instant asOf = p.asOf("at");
        jakarta.ws.rs.core.Variant variant = request.selectVariant(STORY_VARIANTS);
        if (variant == null) {
            throw new jakarta.ws.rs.NotAcceptableException("this resource is available as application/json and text/html");
        }
        Response response;
        if (variant.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response = HttpCaching.respond(headers, pages.get("html " + links.self(uri), () -> web.story(id, asOf)),
                    config.caching().feedMaxAge());
        } else {
            StoryView story = stories.byId(id, asOf, MAX_STORY_COVERAGE)
                    .orElseThrow(() -> new NotFoundException("no story with id " + id)).view();
            response = HttpCaching.respond(headers, Rendered.of(Json.write(story), MediaType.APPLICATION_JSON),
                    config.caching().listMaxAge());
        }
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return response;
    }
}
