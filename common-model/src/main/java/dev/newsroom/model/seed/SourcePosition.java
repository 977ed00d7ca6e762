package dev.newsroom.model.seed;

/** A 1-based line and column in a submitted file. */
public record SourcePosition(int line, int column) {
    public static final SourcePosition START = new SourcePosition(1, 1);
}
