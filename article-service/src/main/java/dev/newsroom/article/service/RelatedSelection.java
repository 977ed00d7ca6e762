package dev.newsroom.article.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which related links an article shows, in which order, of the link rows stored for it (schema 2 of
 * {@code articles.ranked}, "What a reader keeps"): its own links (given by its latest ranking) and the
 * backlinks other articles gave it for its current version.
 *
 * <ul>
 *   <li>editorial links (the publisher's) are all shown, in their order;</li>
 *   <li>computed links: one per related article (the best score; on a tie the backlink, which that article's
 *       latest record gave with its latest content), none to an article stored and retracted and none to an
 *       article an editorial link already names (ranking-service lists an article once, as editorial);
 *       of those, the best {@code relatedLimit} (0: all) by score, then by related id;</li>
 *   <li>the whole list best first, editorial before computed on equal scores: ranking-service's merge
 *       (a stable sort of the editorial links followed by the computed ones).</li>
 * </ul>
 *
 * Pure, so the rules are tested without a database; the reader feeds it the rows in scope.
 */
public final class RelatedSelection {

    /**
     * One stored link row in scope for an article: its own ({@code origin} is the article) or a backlink
     * given for the article's current version ({@code origin} is the article that gave it).
     *
     * @param relatedId  the linked article's id when it is an ingested one, else null
     * @param editorial  whether the publisher listed it (else ranking-service computed it)
     * @param targetLive whether the linked article is live; null when it is not stored here
     * @param document   the entry as the API renders it
     */
    public record Link(String origin, int position, String relatedId, double score, boolean editorial,
                       Boolean targetLive, String document) {

        /** Whether it points at an article stored here and retracted. */
        public boolean toRetracted() {
            return Boolean.FALSE.equals(targetLive);
        }
    }

    private static final Comparator<Link> BEST_FIRST = Comparator.comparingDouble(Link::score).reversed();
    private static final Comparator<Link> ROW_ORDER =
            Comparator.comparing(Link::origin).thenComparingInt(Link::position);

    private RelatedSelection() {
    }

    /**
     * @param articleId    the article whose links these are
     * @param links        its link rows in scope, in any order
     * @param relatedLimit the most computed links it shows; 0 for all
     * @return the links it shows, in the order shown
     */
    public static List<Link> select(String articleId, List<Link> links, int relatedLimit) {
        List<Link> editorial = links.stream().filter(Link::editorial).sorted(ROW_ORDER).toList();
        Set<String> listedAsEditorial = new HashSet<>();
        editorial.forEach(l -> listedAsEditorial.add(l.relatedId()));
        Map<String, Link> computed = new HashMap<>();
        for (Link link : links) {
            if (!link.editorial() && link.relatedId() != null && !link.toRetracted()
                    && !listedAsEditorial.contains(link.relatedId())) {
                computed.merge(link.relatedId(), link, (a, b) -> better(a, b, articleId));
            }
        }
        List<Link> shown = computed.values().stream()
                .sorted(BEST_FIRST.thenComparing(Link::relatedId))
                .limit(relatedLimit > 0 ? relatedLimit : Long.MAX_VALUE)
                .toList();
        List<Link> merged = new ArrayList<>(editorial.size() + shown.size());
        merged.addAll(editorial);
        merged.addAll(shown);
        merged.sort(BEST_FIRST); // stable: editorial first on equal scores
        return merged;
    }

    /** Of two computed links to one article: the better score; on a tie the backlink, then a fixed order. */
    private static Link better(Link a, Link b, String articleId) {
        if (a.score() != b.score()) {
            return a.score() > b.score() ? a : b;
        }
        boolean aOwn = a.origin().equals(articleId);
        boolean bOwn = b.origin().equals(articleId);
        if (aOwn != bOwn) {
            return aOwn ? b : a;
        }
        return ROW_ORDER.compare(a, b) <= 0 ? a : b;
    }
}
