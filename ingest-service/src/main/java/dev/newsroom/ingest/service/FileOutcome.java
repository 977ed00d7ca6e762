package dev.newsroom.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.model.seed.FieldProblem;
import java.util.List;

/**
 * The answer for one file of a batch: {@code {file, id, version, status}} for an accepted or unchanged
 * file; {@code {file, status: "rejected", code, type, problems}} for a rejected one, where {@code code}
 * and {@code type} are the HTTP status and problem type the file would have got on its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileOutcome(String file, String id, Long version, IngestOutcome.Status status, Integer code,
                          String type, List<FieldProblem> problems) {

    static FileOutcome of(String file, String id, long version, IngestOutcome.Status status) {
        return new FileOutcome(file, id, version, status, null, null, null);
    }

    static FileOutcome rejected(String file, ArticleRejectedException e) {
        return new FileOutcome(file, null, null, IngestOutcome.Status.REJECTED, e.status(), "/problems/" + e.slug(),
                e.problems());
    }

    public boolean isRejected() {
        return status == IngestOutcome.Status.REJECTED;
    }
}
