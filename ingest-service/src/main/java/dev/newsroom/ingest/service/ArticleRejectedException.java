package dev.newsroom.ingest.service;

import dev.newsroom.model.seed.FieldProblem;
import java.util.List;

/**
 * A submitted file that cannot become an article. {@code status} is 400 for a file that is not in the
 * format at all (not UTF-8, no front matter, broken YAML), 413 for one over a size limit, 415 for an
 * archive entry that is not an article file, and 422 for readable YAML that is not a valid article.
 */
public class ArticleRejectedException extends RuntimeException {

    public static final int MALFORMED = 400;
    public static final int TOO_LARGE = 413;
    public static final int NOT_AN_ARTICLE_FILE = 415;
    public static final int INVALID = 422;

    private final int status;
    private final List<FieldProblem> problems;

    public ArticleRejectedException(int status, List<FieldProblem> problems) {
        super(problems.isEmpty() ? "rejected" : problems.get(0).message());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** The problem type this rejection is answered with, e.g. {@code invalid-article}. */
    public String slug() {
        return switch (status) {
            case MALFORMED -> "malformed-file";
            case TOO_LARGE -> "file-too-large";
            case NOT_AN_ARTICLE_FILE -> "not-an-article-file";
            default -> "invalid-article";
        };
    }

    /** The kind of problem in words, the same for every occurrence. */
    public String title() {
        return switch (status) {
            case MALFORMED -> "Not a file in the seed format";
            case TOO_LARGE -> "File too large";
            case NOT_AN_ARTICLE_FILE -> "Not an article file";
            default -> "Not a valid article";
        };
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
