package dev.newsroom.article.rest;

/** An article its publisher retracted ({@code published: false}): answered 410 Gone. */
public class GoneException extends RuntimeException {
    public GoneException(String message) {
        super(message);
    }
}
