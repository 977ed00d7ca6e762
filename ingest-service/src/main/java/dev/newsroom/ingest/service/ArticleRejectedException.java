package dev.newsroom.ingest.service;

import dev.newsroom.model.seed.FieldProblem;
import java.util.List;

/**
 * A submitted file that cannot become an article. {@code status} is 400 for a file that is not in the
 * format at all (not UTF-8, no front matter, broken YAML) and 422 for readable YAML that is not a valid article.
 */
public class ArticleRejectedException extends RuntimeException {

    public static final int MALFORMED = 400;
    public static final int INVALID = 422;

    private final int status;
    private final List<FieldProblem> problems;

    public ArticleRejectedException(int status, List<FieldProblem> problems) {
        super(problems.isEmpty() ? "rejected" : problems.get(0).message());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
