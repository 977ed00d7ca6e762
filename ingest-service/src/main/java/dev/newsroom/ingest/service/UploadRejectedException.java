package dev.newsroom.ingest.service;

import dev.newsroom.model.seed.FieldProblem;
import java.util.List;

/**
 * A whole upload refused, not one file of it: a request over the size limit, too many files, a zip bomb
 * (413), an archive that cannot be read or that reaches outside itself with {@code ../} (400), a form
 * without files (400). Nothing of such an upload is ingested.
 */
public class UploadRejectedException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldProblem> problems;

    public UploadRejectedException(int status, String slug, String title, String file, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.problems = List.of(new FieldProblem(file, 0, 0, null, message));
    }

    public static UploadRejectedException tooLarge(String file, String message) {
        return new UploadRejectedException(413, "upload-too-large", "Upload too large", file, message);
    }

    public static UploadRejectedException malformed(String file, String message) {
        return new UploadRejectedException(400, "malformed-upload", "Not a readable upload", file, message);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
