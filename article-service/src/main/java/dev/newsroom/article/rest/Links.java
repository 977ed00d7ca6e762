package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;

/** Absolute links: to the configured public address when there is one, else to the address of the request. */
@ApplicationScoped
public class Links {

    private final Optional<URI> publicUrl;

    public Links(ArticleServiceConfig config) {
        this.publicUrl = config.publicUrl().map(u -> URI.create(u.endsWith("/") ? u : u + "/"));
    }

    /** The request's own address with {@code cursor} set to {@code token}. */
    public String next(UriInfo uri, String token) {
        return rebase(uri.getRequestUriBuilder().replaceQueryParam("cursor", token)).toString();
    }

    /** The absolute address of a path of this service, e.g. {@code /articles/abc}. */
    public String to(UriInfo uri, String path) {
        return rebase(uri.getBaseUriBuilder().replacePath(path)).toString();
    }

    /** The absolute address of a path of this service made of {@code segments}, each encoded as a path segment. */
    public String segments(UriInfo uri, String... segments) {
        return rebase(uri.getBaseUriBuilder().replacePath("/").segment(segments)).toString();
    }

    /** The request's own address, as readers see it (the key of a cached page, the feed's self link). */
    public String self(UriInfo uri) {
        return rebase(uri.getRequestUriBuilder()).toString();
    }

    private URI rebase(UriBuilder builder) {
        publicUrl.ifPresent(base -> builder.scheme(base.getScheme()).host(base.getHost()).port(base.getPort()));
        return builder.build();
    }
}
