package dev.newsroom.ingest.rest;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.model.problem.Problem;
import dev.newsroom.model.seed.FieldProblem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 413 before reading a byte when the declared {@code Content-Length} is already over the limit: the
 * request limit for every upload, and the file limit for a single-file body. Bodies without a length
 * (chunked) are held to the same limits while they are read (see {@link IngestResource}).
 */
public class RequestSizeFilter {

    private final long maxRequestBytes;
    private final int maxFileBytes;

    public RequestSizeFilter(IngestConfig config) {
        this.maxRequestBytes = config.maxRequestBytes();
        this.maxFileBytes = config.maxFileBytes();
    }

    @ServerRequestFilter(priority = BearerTokenFilter.PRIORITY + 1)
    public Optional<Response> limitDeclaredSize(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/ingest") || request.getLength() < 0) {
            return Optional.empty();
        }
        long length = request.getLength();
        boolean singleFile = isSingleFile(request.getMediaType());
        String file = uploadName(request);
        if (singleFile && length > maxFileBytes) {
            return Optional.of(tooLarge(request, "file-too-large", "File too large", file,
                    "file is " + length + " bytes; the limit is " + maxFileBytes + " bytes (newsroom.ingest.max-file-bytes)"));
        }
        if (length > maxRequestBytes) {
            return Optional.of(tooLarge(request, "upload-too-large", "Upload too large", file,
                    "request is " + length + " bytes; the limit is " + maxRequestBytes + " bytes (newsroom.ingest.max-request-bytes)"));
        }
        return Optional.empty();
    }

    /** What answers about the request as a whole name the upload by: a single file's name, else {@code upload}. */
    static String uploadName(ContainerRequestContext request) {
        return isSingleFile(request.getMediaType())
                ? IngestResource.fileName(request.getHeaderString(HttpHeaders.CONTENT_DISPOSITION), "body") : "upload";
    }

    /** Whether a body of this type is one file (not a form or an archive of many). */
    private static boolean isSingleFile(MediaType type) {
        return type != null && !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                && !type.getSubtype().contains("zip") && !type.getSubtype().contains("tar") && !type.getSubtype().contains("tgz");
    }

    private static Response tooLarge(ContainerRequestContext request, String slug, String title, String file, String message) {
        Problem problem = Problem.of(413, slug, title, message)
                .withProblems(List.of(new FieldProblem(file, 0, 0, null, message)))
                .withInstance(request.getUriInfo().getPath());
        return Response.status(413).type(Problem.MEDIA_TYPE).header("Connection", "close").entity(problem).build();
    }
}
