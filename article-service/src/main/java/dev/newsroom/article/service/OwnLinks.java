package dev.newsroom.article.service;

import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.json.Json;
import java.util.List;

/**
 * An article's own related links as one ranking gives them ({@code related_link} rows with
 * {@code origin = article_id}): the links, each one's rendered entry (its JSON as UTF-8, the bytes the store sends),
 * and a digest of those entries.
 *
 * @param hash a {@link Fingerprint} of the rendered entries (each holds its id, score and source): when a
 *             ranking leaves them as they were, their rows are not rewritten
 */
public record OwnLinks(List<RelatedLink> links, List<byte[]> documents, String hash) {

    public static OwnLinks of(List<RelatedLink> related) {
        List<byte[]> documents = related.stream()
                .map(l -> Json.writeBytes(new ArticleView.RelatedView(l.id(), l.score(), l.source(), l.article())))
                .toList();
        return new OwnLinks(related, documents, digest(documents));
    }

    private static String digest(List<byte[]> documents) {
        Fingerprint fingerprint = new Fingerprint();
        for (byte[] document : documents) {
            fingerprint.update(document).update(0);
        }
        return fingerprint.hex();
    }
}
