package dev.newsroom.ingest.rest;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.ingest.service.ArchiveUnpacker;
import dev.newsroom.ingest.service.ArticleIntake;
import dev.newsroom.ingest.service.BatchOutcome;
import dev.newsroom.ingest.service.IngestOutcome;
import dev.newsroom.ingest.service.IngestService;
import dev.newsroom.ingest.service.LimitedInputStream;
import dev.newsroom.ingest.service.MultipartUnpacker;
import dev.newsroom.ingest.service.SubmittedFile;
import dev.newsroom.ingest.service.UploadLimits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The front door: publishers POST article files here (bearer token required, see {@link BearerTokenFilter}).
 *
 * <p>Every body is read as a stream with the limits counted while reading, so an oversized upload gets
 * this service's own 413 problem, never the HTTP layer's bare one.
 */
@Path("/ingest")
public class IngestResource {

    static final String ZIP = "application/zip";
    static final String GZIP = "application/gzip";

    private static final Pattern FILENAME = Pattern.compile("filename\\*?=\"?(?:UTF-8'')?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private final IngestService ingest;
    private final UploadLimits limits;
    private final MultipartUnpacker multipart;
    private final ArchiveUnpacker archives;

    public IngestResource(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.limits = UploadLimits.of(config);
        this.multipart = new MultipartUnpacker(limits);
        this.archives = new ArchiveUnpacker(limits);
    }

    /**
     * One file as the request body. The file's name (used in answers and errors) comes from a
     * {@code Content-Disposition: attachment; filename="..."} header, else it is {@code body}.
     * Answers 202 with {@code {id, version, status: "accepted"}} once Kafka has acknowledged the article,
     * or 200 with {@code status: "unchanged"} when the same content was already ingested.
     */
    @POST
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response ingestOne(@HeaderParam(HttpHeaders.CONTENT_DISPOSITION) String disposition, InputStream body) {
        String name = fileName(disposition, "body");
        byte[] bytes;
        try {
            bytes = body.readNBytes(limits.maxFileBytes() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw ArticleIntake.tooLarge(name, limits.maxFileBytes());
        }
        IngestOutcome outcome = ingest.ingest(name, bytes);
        Response.Status status = outcome.status() == IngestOutcome.Status.ACCEPTED ? Response.Status.ACCEPTED : Response.Status.OK;
        return Response.status(status).entity(outcome).build();
    }

    /**
     * Many files as {@code multipart/form-data}, each a part named {@code files}. Answers 200 with one
     * entry per file (see {@link BatchOutcome}) once Kafka has acknowledged every new article of the batch.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public BatchOutcome ingestForm(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return batch("multipart/form-data", body, in -> multipart.read(contentType, in));
    }

    /** A zip archive of article files; answered like a multipart batch, each file named {@code archive!/path}. */
    @POST
    @Consumes({ZIP, "application/x-zip-compressed"})
    @Produces(MediaType.APPLICATION_JSON)
    public BatchOutcome ingestZip(@HeaderParam(HttpHeaders.CONTENT_DISPOSITION) String disposition, InputStream body) {
        String name = fileName(disposition, "upload.zip");
        return batch(name, body, in -> archives.unzip(name, in));
    }

    /** A tar.gz archive of article files; answered like a multipart batch. */
    @POST
    @Consumes({GZIP, "application/x-gzip", "application/x-gtar", "application/x-tgz"})
    @Produces(MediaType.APPLICATION_JSON)
    public BatchOutcome ingestTarGz(@HeaderParam(HttpHeaders.CONTENT_DISPOSITION) String disposition, InputStream body) {
        String name = fileName(disposition, "upload.tar.gz");
        return batch(name, body, in -> archives.untarGz(name, in));
    }

    private BatchOutcome batch(String name, InputStream body, Function<InputStream, List<SubmittedFile>> unpack) {
        InputStream limited = new LimitedInputStream(body, limits.maxRequestBytes(), name,
                "the request limit (newsroom.ingest.max-request-bytes)");
        return ingest.ingestBatch(unpack.apply(limited));
    }

    static String fileName(String disposition, String fallback) {
        if (disposition != null) {
            Matcher m = FILENAME.matcher(disposition);
            if (m.find()) {
                String name = m.group(1).strip();
                int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                name = name.substring(slash + 1);
                if (!name.isEmpty()) {
                    return name;
                }
            }
        }
        return fallback;
    }
}
