package dev.newsroom.model.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.model.seed.FieldProblem;
import java.util.List;

/**
 * An RFC 9457 problem ({@code application/problem+json}), the one error shape of every Newsroom
 * service. {@code problems} lists what is wrong with a submitted file, each with file, line, column
 * and field; it is empty for errors that are not about a file.
 *
 * @param type     a URI reference naming the kind of problem, e.g. {@code /problems/invalid-article}
 * @param title    the kind of problem in words (the same for every occurrence)
 * @param status   the HTTP status code
 * @param detail   this occurrence in words
 * @param instance the request path
 * @param problems located problems of submitted files
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldProblem> problems) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("/problems/" + slug, title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, problems);
    }

    public Problem withProblems(List<FieldProblem> located) {
        return new Problem(type, title, status, detail, instance, located);
    }
}
