package dev.newsroom.article.rest;

import dev.newsroom.messaging.Fault;
import dev.newsroom.messaging.FaultClassifier;
import dev.newsroom.messaging.FaultKind;
import dev.newsroom.model.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of article-service as RFC 9457 problem+json; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, UriInfo uri) {
        return problem(Problem.of(400, "bad-parameter", "Bad parameter '" + e.parameter() + "'", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response gone(GoneException e, UriInfo uri) {
        return problem(Problem.of(410, "gone", "Retracted", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return problem(Problem.of(status, title.toLowerCase().replaceAll("[^a-z0-9]+", "-"), title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Fault fault = FaultClassifier.classify(e);
        if (fault.kind() == FaultKind.TRANSIENT) {
            // the database is away (stopped, restarting, out of connections): not the client's fault, nor a bug
            LOG.warnf("answering 503 on %s: %s", uri == null ? "?" : uri.getPath(), fault.classification());
            return Response.fromResponse(problem(Problem.of(503, "database-unavailable", "Database unavailable",
                    "the database cannot be reached just now; try again shortly"), uri))
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "unexpected error on %s", uri == null ? "?" : uri.getPath());
        return problem(Problem.of(500, "internal-error", "Internal error", "the error is logged"), uri);
    }

    private static Response problem(Problem problem, UriInfo uri) {
        Problem located = uri == null ? problem : problem.withInstance("/" + uri.getPath().replaceFirst("^/", ""));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(located).build();
    }
}
