package dev.newsroom.model.seed;

/**
 * What is wrong with one submitted file, and where: {@code line} and {@code column} are 1-based and
 * point into the file as submitted (0 when the problem has no position, such as an empty body);
 * {@code field} is a path such as {@code title}, {@code provider.domain}, {@code images[0].width} or
 * {@code related[1].webUrl} ({@code null} for problems that are not about one field).
 */
public record FieldProblem(String file, int line, int column, String field, String message) {
}
