package dev.newsroom.article.rest;

import dev.newsroom.article.repository.ArticleEntity;
import dev.newsroom.model.ArticleId;
import io.quarkus.panache.common.Parameters;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** Articles, newest first and one by one, as JSON. */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    static final int MAX_PAGE_SIZE = 100;

    /**
     * {@code {"items": [...], "next": "<url or null>"}}: live articles newest first, {@code size} per page
     * (1 to 100), paged by an opaque {@code cursor} (keyset on publication time and id, so pages never
     * repeat or skip an article while new ones arrive).
     */
    @GET
    public Response list(@QueryParam("size") @DefaultValue("20") int size, @QueryParam("cursor") String cursor,
                         @Context UriInfo uri) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadParameterException("size", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        List<ArticleEntity> page;
        if (cursor == null || cursor.isEmpty()) {
            page = ArticleEntity.<ArticleEntity>find("live = true order by publishedAt desc, id desc")
                    .page(0, size + 1).list();
        } else {
            Cursor after = Cursor.decode(cursor);
            page = ArticleEntity.<ArticleEntity>find("live = true and (publishedAt < :p or (publishedAt = :p and id < :id))"
                    + " order by publishedAt desc, id desc", Parameters.with("p", after.publishedAt()).and("id", after.id()))
                    .page(0, size + 1).list();
        }
        boolean more = page.size() > size;
        List<ArticleEntity> items = more ? page.subList(0, size) : page;
        String next = null;
        if (more) {
            ArticleEntity last = items.get(items.size() - 1);
            next = uri.getRequestUriBuilder().replaceQueryParam("cursor", new Cursor(last.publishedAt, last.id).encode())
                    .build().toString();
        }
        StringBuilder json = new StringBuilder(items.size() * 4096).append("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(items.get(i).document);
        }
        json.append("],\"next\":").append(next == null ? "null" : "\"" + next + "\"").append('}');
        return Response.ok(json.toString()).build();
    }

    @GET
    @Path("/{id}")
    public Response byId(@PathParam("id") String id) {
        if (!ArticleId.isWellFormed(id)) {
            throw new BadParameterException("id", "must be 16 lower-case hex digits, was '" + id + "'");
        }
        ArticleEntity article = ArticleEntity.findById(id);
        if (article == null) {
            throw new NotFoundException("no article with id " + id);
        }
        if (!article.live) {
            throw new GoneException("article " + id + " was retracted by its publisher");
        }
        return Response.ok(article.document).build();
    }

    /** The position after an article in newest-first order, as an opaque token. */
    record Cursor(Instant publishedAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((publishedAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new BadParameterException("cursor", "is not a cursor this service issued");
            }
        }
    }
}
