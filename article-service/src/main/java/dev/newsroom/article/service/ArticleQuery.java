package dev.newsroom.article.service;

import java.time.Instant;

/**
 * One {@code GET /articles} request, validated: filters (each {@code null} when absent; topic, provider,
 * category and type already lower-cased), the order and the position to continue after, and the instant
 * the news is asked as of ({@code at}: only articles published by then; heat and trending as of then).
 */
public record ArticleQuery(String topic, String provider, String category, String type, Instant from, Instant to,
                           String text, Sort sort, int size, Cursor after, Instant at) {

    /** The orders of {@code GET /articles}; each ends on the article id, so that it is total. */
    public enum Sort {
        /** publication time, newest first */
        NEWEST,
        /** Newsroom's heat as last ranked */
        HEAT,
        /** heat decayed to now (see {@link TrendingHeat}) */
        TRENDING,
        /** full-text rank of {@code q}; the default when {@code q} is given */
        RELEVANCE
    }
}
