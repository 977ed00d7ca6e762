package dev.newsroom.model.seed;

import java.util.List;

/**
 * A file that is not in the seed format at all: not UTF-8, no front matter, YAML that does not parse,
 * or a document over the configured limits. Always carries at least one located problem.
 */
public class SeedFormatException extends RuntimeException {

    private final List<FieldProblem> problems;

    public SeedFormatException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "malformed file" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public SeedFormatException(FieldProblem problem) {
        this(List.of(problem));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
