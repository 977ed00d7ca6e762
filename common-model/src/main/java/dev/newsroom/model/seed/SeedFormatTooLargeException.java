package dev.newsroom.model.seed;

/**
 * A file refused only for its size (the front matter is longer than {@link SeedFormatLimits} allows), as
 * opposed to one that is malformed: a service answers it as "too large" (413) rather than "malformed" (400).
 */
public class SeedFormatTooLargeException extends SeedFormatException {

    public SeedFormatTooLargeException(FieldProblem problem) {
        super(problem);
    }
}
