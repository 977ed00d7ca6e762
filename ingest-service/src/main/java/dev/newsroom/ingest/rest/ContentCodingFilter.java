package dev.newsroom.ingest.rest;

import dev.newsroom.model.problem.Problem;
import dev.newsroom.model.seed.FieldProblem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 415 to an upload whose body declares a content coding ({@code Content-Encoding: gzip}, {@code br}, ...):
 * ingest reads bodies as they are sent, so a compressed file would be read as bytes of another format, and an
 * uncompressed one that claims a coding would be taken on a false label. Compressed uploads go as a tar.gz or zip
 * archive, which ingest unpacks within its limits. {@code identity} is no coding and is accepted.
 */
public class ContentCodingFilter {

    /** RFC 9110 15.5.16: a 415 for a content coding says which codings would have been accepted. */
    static final String ACCEPTED_CODINGS = "identity";

    @ServerRequestFilter(priority = BearerTokenFilter.PRIORITY + 2) // after the declared size
    public Optional<Response> refuseContentCodings(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/ingest")) {
            return Optional.empty();
        }
        List<String> codings = request.getHeaders().getOrDefault(HttpHeaders.CONTENT_ENCODING, List.of()).stream()
                .flatMap(value -> Stream.of(value.split(",")))
                .map(coding -> coding.strip().toLowerCase(Locale.ROOT))
                .filter(coding -> !coding.isEmpty() && !coding.equals("identity"))
                .toList();
        if (codings.isEmpty()) {
            return Optional.empty();
        }
        String message = "content coding '" + String.join(", ", codings) + "' is not supported: send the file as it is, "
                + "or many files as a tar.gz or zip archive";
        Problem problem = Problem.of(415, "unsupported-content-encoding", "Unsupported Content-Encoding", message)
                .withProblems(List.of(new FieldProblem(RequestSizeFilter.uploadName(request), 0, 0, HttpHeaders.CONTENT_ENCODING, message)))
                .withInstance(request.getUriInfo().getPath());
        return Optional.of(Response.status(415).type(Problem.MEDIA_TYPE).header("Accept-Encoding", ACCEPTED_CODINGS)
                .header("Connection", "close").entity(problem).build());
    }
}
