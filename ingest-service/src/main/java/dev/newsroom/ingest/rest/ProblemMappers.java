package dev.newsroom.ingest.rest;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.ingest.service.ArticleRejectedException;
import dev.newsroom.ingest.service.BrokerUnavailableException;
import dev.newsroom.ingest.service.NotReadyException;
import dev.newsroom.ingest.service.UploadRejectedException;
import dev.newsroom.model.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of ingest-service as RFC 9457 problem+json; never a stack trace, never a 500 for client input. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final int retryAfterSeconds;

    public ProblemMappers(IngestConfig config) {
        this.retryAfterSeconds = config.retryAfterSeconds();
    }

    @ServerExceptionMapper
    public Response rejected(ArticleRejectedException e, UriInfo uri) {
        String detail = e.status() == ArticleRejectedException.INVALID
                ? e.problems().size() + " problem(s); the first: " + describeFirst(e) : e.getMessage();
        Problem problem = Problem.of(e.status(), e.slug(), e.title(), detail);
        return problem(problem.withProblems(e.problems()).withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response uploadRejected(UploadRejectedException e, UriInfo uri) {
        Problem problem = Problem.of(e.status(), e.slug(), e.title(), e.getMessage());
        return problem(problem.withProblems(e.problems()).withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response brokerUnavailable(BrokerUnavailableException e, UriInfo uri) {
        LOG.warnf("answering 503: %s", e.getMessage());
        Problem problem = Problem.of(503, "broker-unavailable", "Kafka is unavailable",
                "nothing was accepted; retry after " + retryAfterSeconds + " seconds").withInstance(path(uri));
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).type(Problem.MEDIA_TYPE)
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response notReady(NotReadyException e, UriInfo uri) {
        Problem problem = Problem.of(503, "not-ready", "Not ready yet",
                e.getMessage() + "; retry after " + retryAfterSeconds + " seconds").withInstance(path(uri));
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).type(Problem.MEDIA_TYPE)
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return problem(Problem.of(status, slug, title, e.getMessage()).withInstance(path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", path(uri));
        return problem(Problem.of(500, "internal-error", "Internal error",
                "the error is logged; nothing in the request was accepted").withInstance(path(uri)));
    }

    private static String describeFirst(ArticleRejectedException e) {
        if (e.problems().isEmpty()) {
            return e.getMessage();
        }
        var p = e.problems().get(0);
        return (p.field() == null ? "" : p.field() + " ") + p.message() + " (line " + p.line() + ")";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
