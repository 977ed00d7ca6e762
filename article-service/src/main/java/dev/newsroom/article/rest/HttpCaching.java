package dev.newsroom.article.rest;

import dev.newsroom.article.service.Rendered;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Conditional GET: an entity tag on every representation, 304 when the client has it, and how long to keep it. */
final class HttpCaching {

    private HttpCaching() {
    }

    static Response respond(HttpHeaders request, Rendered page, Duration maxAge) {
        String cacheControl = "public, max-age=" + maxAge.toSeconds();
        if (page.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH))) {
            return Response.notModified().header(HttpHeaders.ETAG, page.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
        }
        return Response.ok(page.body(), page.mediaType()).header(HttpHeaders.ETAG, page.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
