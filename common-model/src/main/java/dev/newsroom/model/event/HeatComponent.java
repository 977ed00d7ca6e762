package dev.newsroom.model.event;

/**
 * One term of the heat formula.
 *
 * @param name         e.g. {@code quality}, {@code coverage}, {@code recency}, {@code provider}
 * @param input        the raw input (a quality score, a count of providers, an age in hours, a weight)
 * @param contribution what this term added to (or multiplied into) the heat, in heat points
 * @param description  the term in words
 */
public record HeatComponent(String name, double input, double contribution, String description) {
}
