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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Providers (by domain) with their counts of live articles. */
@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "topics and providers")
public class ProviderResource {

    private final ArticleReader reader;
    private final CountedPages pages;

    public ProviderResource(ArticleReader reader, CountedPages pages) {
        this.reader = reader;
        this.pages = pages;
    }

    @GET
    @Operation(summary = "Providers (by domain) with their number of live articles, most first, then by domain")
    @APIResponse(responseCode = "200", description = "a page of providers",
            content = @Content(schema = @Schema(implementation = ApiSchemas.ProviderPage.class)))
    public Response providers(@Parameter(description = "providers per page, 1 to 100 (default 20)") @QueryParam("size") String size,
                              @Parameter(description = "from a `next` link") @QueryParam("cursor") String cursor,
                              @Context UriInfo uri, @Context HttpHeaders headers) {
        return pages.list(uri, headers, reader::providers, p -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("domain", p.domain());
            item.put("name", p.name());
            item.put("images", Json.read(p.images() == null ? "[]" : p.images(), List.class));
            item.put("articles", p.articles());
            return new CountedPages.Keyed(p.key(), p.articles(), Json.write(item));
        });
    }
}
