package dev.newsroom.ingest.rest;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.model.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every ingest path needs {@code Authorization: Bearer <token>}. The comparison takes the same time
 * whatever the token's content (no timing oracle), and the token is never logged.
 */
public class BearerTokenFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
    private static final String PREFIX = "Bearer ";
    /** Before every other filter: nothing about a request is looked at until its token is right. */
    static final int PRIORITY = jakarta.ws.rs.Priorities.AUTHENTICATION;

    private final byte[] expected;

    public BearerTokenFilter(IngestConfig config) {
        this.expected = config.token().filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (expected == null) {
            LOG.warn("newsroom.ingest.token (NEWSROOM_INGEST_TOKEN) is not set: every ingest request will be refused with 401");
        }
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Optional<Response> requireToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/ingest")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.of(unauthorized(request, "send the ingest token as 'Authorization: Bearer <token>'"));
        }
        byte[] presented = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(expected, presented)) {
            return Optional.of(unauthorized(request, "the bearer token is not the ingest token"));
        }
        return Optional.empty();
    }

    private static Response unauthorized(ContainerRequestContext request, String detail) {
        Problem problem = Problem.of(401, "unauthorized", "Missing or wrong ingest token", detail)
                .withInstance(request.getUriInfo().getPath());
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsroom-ingest\"")
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
