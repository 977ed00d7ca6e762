package dev.newsroom.article.rest;

/** A query or path parameter the client got wrong: answered 400, naming the parameter and why. */
public class BadParameterException extends RuntimeException {

    private final String parameter;

    public BadParameterException(String parameter, String reason) {
        super(parameter + " " + reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
