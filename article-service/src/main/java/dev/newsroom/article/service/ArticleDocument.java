package dev.newsroom.article.service;

import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An article as the API serves it ({@link ArticleView}'s fields), composed at read time from what schema 2
 * of {@code articles.ranked} keeps apart: the article's content document (stored once per version: every
 * field but the ranking's) and its ranking as of now (its columns, its story's row and its selected related
 * links, {@link RelatedSelection}).
 *
 * <p>The content document may be large (it holds the body), so it is not parsed: the ranking's fields are
 * spliced in before its closing brace. They come last in the object, where {@link ArticleView} puts them
 * among the content's; a JSON object's members have no order, and each value is the one
 * {@link ArticleView} would have written. Pure, so it is tested without a database.
 */
public final class ArticleDocument {

    /**
     * An article's ranking as the API shows it.
     *
     * @param heat            the article's heat (its column: with its story's current coverage)
     * @param related         the related entries, each as the API renders it, in the order shown
     * @param storyId         its story's id, or null
     * @param story           its story's current facts, or null
     * @param heatExplanation its heat's explanation ({@link #explanation}), or null
     * @param rankedAt        when it was ranked
     */
    public record Ranking(int heat, List<String> related, String storyId, StoryRef story, HeatScore heatExplanation,
                          Instant rankedAt) {

        public Ranking {
            related = List.copyOf(related);
        }
    }

    private ArticleDocument() {
    }

    /**
     * The heat explanation an article shows: the {@link HeatScore} stored when it was ranked, with its story's
     * current coverage when the story row has one (its providers changed since: the heat column has changed
     * with them), else as stored.
     *
     * @param stored the heat score as ranked; null gives null
     * @param story  the article's story as stored now, or null
     */
    public static HeatScore explanation(HeatScore stored, StoryRef story) {
        if (stored == null || story == null || story.coverage() == null) {
            return stored;
        }
        return stored.withCoverage(story.providers().size(), story.coverage());
    }

    /**
     * When an article was ranked, as exactly as it was said: PostgreSQL keeps {@code ranked_at} to the
     * microsecond, while the heat score stored as JSON keeps its {@code computedAt}, which ranking-service
     * sets to the ranking's instant. That instant when it is the column's to the microsecond, else the column.
     *
     * @param column the {@code ranked_at} column
     * @param stored the heat score as ranked, or null
     */
    public static Instant rankedAt(Instant column, HeatScore stored) {
        Instant computedAt = stored == null ? null : stored.computedAt();
        return computedAt != null && column != null && computedAt.truncatedTo(ChronoUnit.MICROS).equals(column)
                ? computedAt : column;
    }

    /**
     * The API document: the content document with the ranking's fields added.
     *
     * @param content the stored content document, a JSON object without the ranking's fields
     * @throws IllegalArgumentException when {@code content} is not a JSON object
     */
    public static String compose(String content, Ranking ranking) {
        int end = content.length() - 1;
        while (end >= 0 && Character.isWhitespace(content.charAt(end))) {
            end--;
        }
        if (end < 1 || content.charAt(end) != '}' || content.charAt(firstNonBlank(content)) != '{') {
            throw new IllegalArgumentException("a stored content document is not a JSON object");
        }
        int last = end - 1;
        while (Character.isWhitespace(content.charAt(last))) {
            last--;
        }
        boolean empty = content.charAt(last) == '{';
        int relatedLength = ranking.related().stream().mapToInt(String::length).sum() + ranking.related().size();
        StringBuilder json = new StringBuilder(end + relatedLength + 2048);
        json.append(content, 0, end);
        json.append(empty ? "" : ",").append("\"heat\":").append(ranking.heat());
        json.append(",\"related\":[");
        for (int i = 0; i < ranking.related().size(); i++) {
            json.append(i == 0 ? "" : ",").append(ranking.related().get(i));
        }
        json.append("],\"storyId\":").append(Json.write(ranking.storyId()));
        json.append(",\"story\":").append(Json.write(ranking.story()));
        json.append(",\"heatExplanation\":").append(Json.write(ranking.heatExplanation()));
        json.append(",\"rankedAt\":").append(Json.write(ranking.rankedAt()));
        return json.append('}').toString();
    }

    private static int firstNonBlank(String text) {
        int i = 0;
        while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
