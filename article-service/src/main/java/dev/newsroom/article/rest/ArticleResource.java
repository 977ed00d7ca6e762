package dev.newsroom.article.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleEntity;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.ArticleQuery;
import dev.newsroom.article.service.ArticleQuery.Sort;
import dev.newsroom.article.service.ArticleView;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.HeatView;
import dev.newsroom.article.service.NewsAsOf;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.TrendingHeat;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Articles: lists with filters, search and three orders; one article as JSON or in the seed format; its related coverage and heat. */
@Path("/articles")
@Tag(name = "articles")
public class ArticleResource {

    static final String MARKDOWN = "text/markdown";
    private static final Set<String> LIST_PARAMETERS =
            Set.of("topic", "provider", "category", "type", "from", "to", "q", "sort", "size", "cursor", "at");
    private static final List<Variant> ARTICLE_VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(MARKDOWN), MediaType.TEXT_HTML_TYPE).build();

    private final ArticleReader reader;
    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;
    private final NewsAsOf asOf;
    private final WebPages web;

    public ArticleResource(ArticleReader reader, PageCache pages, Links links, ArticleServiceConfig config, NewsAsOf asOf,
                           WebPages web) {
        this.reader = reader;
        this.pages = pages;
        this.links = links;
        this.config = config;
        this.asOf = asOf;
        this.web = web;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live articles, filtered, searched and ordered, a page at a time",
            description = "Filters combine with AND. Paging is keyset-based: follow `next` (null on the last page); "
                    + "articles that arrive while you page never make a page repeat or skip an article.")
    @APIResponse(responseCode = "200", description = "a page of articles",
            content = @Content(schema = @Schema(implementation = ApiSchemas.ArticlePage.class)))
    @APIResponse(responseCode = "304", description = "the page is unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "a parameter is unknown, repeated or invalid; the problem names it",
            content = @Content(mediaType = "application/problem+json"))
    public Response list(
            @Parameter(description = "only articles with this topic (case-insensitive), e.g. `AI`") @jakarta.ws.rs.QueryParam("topic") String topic,
            @Parameter(description = "only articles of this provider domain, e.g. `nytimes.com`") @jakarta.ws.rs.QueryParam("provider") String provider,
            @Parameter(description = "only this category, e.g. `news`") @jakarta.ws.rs.QueryParam("category") String category,
            @Parameter(description = "only this type, e.g. `article` or `video`") @jakarta.ws.rs.QueryParam("type") String type,
            @Parameter(description = "published at or after: an instant or a date (UTC)") @jakarta.ws.rs.QueryParam("from") String from,
            @Parameter(description = "published before: an instant, or a date (that whole day included)") @jakarta.ws.rs.QueryParam("to") String to,
            @Parameter(description = "full-text search over title, excerpt and body (web-search syntax: words, \"phrases\", -excluded, or)") @jakarta.ws.rs.QueryParam("q") String q,
            @Parameter(description = "order: `newest` (default), `heat` (as last ranked), `trending` (heat decayed to now), `relevance` (default with q)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"newest", "heat", "trending", "relevance"})) @jakarta.ws.rs.QueryParam("sort") String sort,
            @Parameter(description = "items per page, 1 to the maximum (default 20, maximum 100)") @jakarta.ws.rs.QueryParam("size") String size,
            @Parameter(description = "the position to continue after, from a `next` link") @jakarta.ws.rs.QueryParam("cursor") String cursor,
            @Parameter(description = "the news as it was at this instant, or date (the end of that day, UTC): only articles "
                    + "published by then; `heat` and `trending` order by heat as of then (each item gets `heatAt` and `at`)") @jakarta.ws.rs.QueryParam("at") String at,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        ArticleQuery query = parse(QueryParameters.of(uri.getQueryParameters(), LIST_PARAMETERS));
        Rendered page = query.after() == null
                ? pages.get(links.self(uri), () -> render(query, uri))
                : render(query, uri);
        return HttpCaching.respond(headers, page, config.caching().listMaxAge());
    }

    private ArticleQuery parse(QueryParameters p) {
        String text = p.text("q");
        Sort sort = p.choice("sort", Sort.class, text == null ? Sort.NEWEST : Sort.RELEVANCE);
        if (sort == Sort.RELEVANCE && text == null) {
            throw new BadParameterException("sort", "relevance needs a search: give q");
        }
        Instant from = p.instant("from", false);
        Instant to = p.instant("to", true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadParameterException("to", "must be after from (" + from + "), was " + to);
        }
        Instant at = p.asOf("at");
        boolean heatAsOf = at != null && (sort == Sort.HEAT || sort == Sort.TRENDING);
        Cursor after = p.cursor(sort.name().toLowerCase(),
                value -> { if (heatAsOf) { Double.parseDouble(value); } else { ArticleReader.sortValue(sort, value); } });
        return new ArticleQuery(p.key("topic"), p.domainKey("provider"), p.key("category"), p.key("type"), from, to, text,
                sort, p.size(config.paging().defaultSize(), config.paging().maxSize()), after, at);
    }

    private Rendered render(ArticleQuery query, UriInfo uri) {
        if (query.at() != null && (query.sort() == Sort.HEAT || query.sort() == Sort.TRENDING)) {
            return renderAsOf(query, uri);
        }
        List<ArticleReader.Row> rows = reader.articles(query);
        boolean more = rows.size() > query.size();
        List<ArticleReader.Row> items = more ? rows.subList(0, query.size()) : rows;
        String next = more ? links.next(uri, items.get(items.size() - 1).cursor().encode()) : null;
        return ListPage.of(items.stream().map(ArticleReader.Row::document).toList(), next);
    }

    /** Heat and trending as of {@code at} are one order: heat decayed to then, with the coverage of then. */
    private Rendered renderAsOf(ArticleQuery query, UriInfo uri) {
        List<NewsAsOf.Scored> all = asOf.articles(query).stream()
                .filter(s -> NewsAsOf.after(query.after(), s.heat(), s.id())).limit(query.size() + 1L).toList();
        List<NewsAsOf.Scored> items = all.size() > query.size() ? all.subList(0, query.size()) : all;
        java.util.Map<String, String> documents = reader.documents(items.stream().map(NewsAsOf.Scored::id).toList());
        List<String> rendered = items.stream().filter(s -> documents.containsKey(s.id()))
                .map(s -> withHeatAt(documents.get(s.id()), s.heat(), query.at())).toList();
        NewsAsOf.Scored last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = all.size() > query.size() ? links.next(uri,
                new Cursor(query.sort().name().toLowerCase(), Double.toString(last.heat()), last.id()).encode()) : null;
        return ListPage.of(rendered, next);
    }

    private static String withHeatAt(String document, double heat, Instant at) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(document);
            node.put("heatAt", Math.round(heat * 1000) / 1000.0);
            node.put("at", at.toString());
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @Operation(summary = "One article",
            description = "As JSON: every field of the seed format plus Newsroom's (id, version, heat, heatExplanation, "
                    + "storyId, story, ...). With `Accept: text/markdown`: the article in the seed format, exactly as "
                    + "it was ingested (its own heat, related links, unknown keys, body); ingesting that file again "
                    + "changes nothing. With `Accept: text/html` (browsers): the article's web page.")
    @APIResponse(responseCode = "200", description = "the article",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleView.class)),
                    @Content(mediaType = MARKDOWN), @Content(mediaType = MediaType.TEXT_HTML)})
    @APIResponse(responseCode = "304", description = "unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "the id is not 16 lower-case hex digits", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "no such article", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "410", description = "retracted by its publisher", content = @Content(mediaType = "application/problem+json"))
    public Response byId(@PathParam("id") String id, @Context Request request, @Context HttpHeaders headers) {
        Variant variant = request.selectVariant(ARTICLE_VARIANTS);
        if (variant == null) {
            throw new NotAcceptableException("this resource is available as application/json, text/markdown and text/html");
        }
        Rendered page;
        if (variant.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE)) {
            checkWellFormed(id);
            page = pages.get("html /articles/" + id, () -> web.article(id));
            return withVaryAccept(HttpCaching.respond(headers, page, config.caching().articleMaxAge()));
        }
        if (variant.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            checkWellFormed(id);
            // composing it from its row, its story's and its links takes two queries: kept rendered, as its HTML is
            page = pages.get("json /articles/" + id, () -> {
                ArticleReader.Document article = reader.document(id);
                checkLive(id, article == null ? null : article.live());
                return Rendered.of(article.json(), MediaType.APPLICATION_JSON);
            });
        } else {
            page = Rendered.of(SeedFormat.write(Json.read(live(id).source, Article.class)), MARKDOWN + ";charset=UTF-8");
        }
        return withVaryAccept(HttpCaching.respond(headers, page, config.caching().articleMaxAge()));
    }

    @GET
    @Path("/{id}/related")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An article's related coverage, best first",
            description = "Each entry keeps its own seed fields and adds `id` (when that article is stored), `score` "
                    + "and `source` (`computed` or `editorial`). Entries pointing at a retracted article are left out.")
    @APIResponse(responseCode = "200", description = "the related entries (one page: `next` is null)",
            content = @Content(schema = @Schema(implementation = ApiSchemas.RelatedPage.class)))
    @APIResponse(responseCode = "404", description = "no such article", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "410", description = "retracted by its publisher", content = @Content(mediaType = "application/problem+json"))
    public Response related(@PathParam("id") String id, @Context HttpHeaders headers) {
        live(id);
        return HttpCaching.respond(headers, ListPage.of(reader.related(id), null), config.caching().articleMaxAge());
    }

    @GET
    @Path("/{id}/heat")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Why an article is as hot as it is",
            description = "`heat` when ranked, `heatNow` decayed to `at` (base × 0.5^(newsAge / halfLife)), the file's own "
                    + "`sourceHeat`, and the explanation: formula, components with input and contribution, base, "
                    + "half-life and the instants it was computed at.")
    @APIResponse(responseCode = "200", description = "the heat and its explanation",
            content = @Content(schema = @Schema(implementation = HeatView.class)))
    @APIResponse(responseCode = "404", description = "no such article", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "410", description = "retracted by its publisher", content = @Content(mediaType = "application/problem+json"))
    public Response heat(@PathParam("id") String id, @Context HttpHeaders headers) {
        ArticleEntity article = live(id);
        HeatScore explanation = reader.heatExplanation(id);
        Instant now = Instant.now();
        TrendingHeat trending = new TrendingHeat(article.heatBase, article.halfLifeHours, article.newsLagSeconds,
                article.trendKey);
        Article source = Json.read(article.source, Article.class);
        HeatView view = new HeatView(id, article.heat, Math.round(trending.at(now) * 1000) / 1000.0, now, source.heat(),
                article.publishedAt, explanation);
        return HttpCaching.respond(headers, Rendered.of(Json.write(view), MediaType.APPLICATION_JSON),
                config.caching().articleMaxAge());
    }

    /** The stored, live article; 400 for a malformed id, 404 for an unknown one, 410 for a retracted one. */
    static ArticleEntity live(String id) {
        checkWellFormed(id);
        ArticleEntity article = ArticleEntity.findById(id);
        checkLive(id, article == null ? null : article.live);
        return article;
    }

    private static void checkWellFormed(String id) {
        if (!ArticleId.isWellFormed(id)) {
            throw new BadParameterException("id", "must be 16 lower-case hex digits, was '" + id + "'");
        }
    }

    /** @param live null when there is no such article */
    private static void checkLive(String id, Boolean live) {
        if (live == null) {
            throw new NotFoundException("no article with id " + id);
        }
        if (!live) {
            throw new GoneException("article " + id + " was retracted by its publisher");
        }
    }

    private static Response withVaryAccept(Response response) {
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return response;
    }
}
