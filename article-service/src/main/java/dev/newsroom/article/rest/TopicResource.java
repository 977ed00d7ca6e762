package dev.newsroom.article.rest;

import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.model.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Topics with their counts of live articles. */
@Path("/topics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "topics and providers")
public class TopicResource {

    private final ArticleReader reader;
    private final CountedPages pages;

    public TopicResource(ArticleReader reader, CountedPages pages) {
        this.reader = reader;
        this.pages = pages;
    }

    @GET
    @Operation(summary = "Topics with their number of live articles, most first, then by name")
    @APIResponse(responseCode = "200", description = "a page of topics",
            content = @Content(schema = @Schema(implementation = ApiSchemas.TopicPage.class)))
    public Response topics(@Parameter(description = "topics per page, 1 to 100 (default 20)") @QueryParam("size") String size,
                           @Parameter(description = "from a `next` link") @QueryParam("cursor") String cursor,
                           @Context UriInfo uri, @Context HttpHeaders headers) {
        return pages.list(uri, headers, reader::topics, t -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", t.name() == null ? t.key() : t.name());
            item.put("articles", t.articles());
            return new CountedPages.Keyed(t.key(), t.articles(), Json.write(item));
        });
    }
}
