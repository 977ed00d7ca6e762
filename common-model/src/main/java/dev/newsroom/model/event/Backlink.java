package dev.newsroom.model.event;

/**
 * An existing article whose related links the ranked article enters: the reverse of a computed link,
 * carried in the new article's own record so that the existing one is never re-published for it. A
 * reader adds the ranked article to {@code articleId}'s related links, with {@code score}, as long as
 * that article is still at {@code version}, and shows each article its best {@link Ranking#relatedLimit}
 * computed links of all it was given.
 *
 * @param articleId the article that now lists the ranked one
 * @param version   that article's version the score was computed against
 * @param score     that article's similarity to the ranked one, in [0, 1]
 */
public record Backlink(String articleId, long version, double score) {
}
