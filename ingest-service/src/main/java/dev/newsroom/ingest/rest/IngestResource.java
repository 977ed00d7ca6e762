package dev.newsroom.ingest.rest;

import dev.newsroom.ingest.service.IngestOutcome;
import dev.newsroom.ingest.service.IngestService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The front door: publishers POST article files here (bearer token required, see {@link BearerTokenFilter}). */
@Path("/ingest")
public class IngestResource {

    private static final Pattern FILENAME = Pattern.compile("filename\\*?=\"?(?:UTF-8'')?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private final IngestService ingest;

    public IngestResource(IngestService ingest) {
        this.ingest = ingest;
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
    public Response ingestOne(@HeaderParam("Content-Disposition") String disposition, byte[] body) {
        IngestOutcome outcome = ingest.ingest(fileName(disposition), body);
        Response.Status status = outcome.status() == IngestOutcome.Status.ACCEPTED ? Response.Status.ACCEPTED : Response.Status.OK;
        return Response.status(status).entity(outcome).build();
    }

    static String fileName(String disposition) {
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
        return "body";
    }
}
