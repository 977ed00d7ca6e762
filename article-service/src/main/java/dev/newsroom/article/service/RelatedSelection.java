package dev.newsroom.article.service;

import dev.newsroom.model.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which related links an article shows, in which order, of the link rows stored for it (schema 2 of
 * {@code articles.ranked}, "What a reader keeps"): its own links (given by its latest ranking) and the
 * backlinks other articles gave it for its current version. The rule is ranking-service's own
 * ({@code Ranker}: editorial links merged with the best {@code k} computed ones), applied to what the
 * article has been given since it was ranked; ranking-service's tests check the same rule against its index.
 *
 * <ul>
 *   <li>the computed candidates: its own computed links, its own editorial links that ranking also computed
 *       (their score is below 1), named by the article of their URL when that article is stored and live, and
 *       the backlinks; one per related article (its best score; on a tie the backlink, which that article's
 *       latest record gave with its latest content), none to an article stored and retracted;</li>
 *   <li>the best {@code relatedLimit} of them (0: all) by score, then by related id;</li>
 *   <li>every editorial link, in its order: with the id of the article its URL names when that article is
 *       stored and live, and that article's computed score when it is among the best (it takes one of the
 *       places, as in ranking-service), else score 1;</li>
 *   <li>then the best computed ones not named by an editorial link; the whole list best first, editorial
 *       before computed on equal scores (a stable sort).</li>
 * </ul>
 *
 * Pure, so the rules are tested without a database; the reader feeds it the rows in scope.
 */
public final class RelatedSelection {

    /**
     * One stored link row in scope for an article: its own ({@code origin} is the article) or a backlink
     * given for the article's current version ({@code origin} is the article that gave it).
     *
     * @param relatedId  the linked article's id: a computed link's, or the article an editorial link's URL names
     *                   (which may not be stored), else null
     * @param editorial  whether the publisher listed it (else ranking-service computed it)
     * @param targetLive whether the linked article is live; null when it is not stored here
     * @param document   the entry as the API renders it ({@code {"id":..,"score":..,"source":..,} then the
     *                   linked article's own fields)
     */
    public record Link(String origin, int position, String relatedId, double score, boolean editorial,
                       Boolean targetLive, String document) {

        /** Whether it points at an article stored here and retracted. */
        public boolean toRetracted() {
            return Boolean.FALSE.equals(targetLive);
        }

        /** Whether it points at an article stored here and live. */
        boolean toLive() {
            return Boolean.TRUE.equals(targetLive);
        }

        /** This entry as shown with that id and score: its document's id and score re-rendered, the rest as stored. */
        Link shownAs(String id, double shownScore) {
            if (Objects.equals(id, relatedId) && shownScore == score && document.startsWith(prefix(id, shownScore))) {
                return this;
            }
            int source = document.indexOf(",\"source\":\"");
            if (source < 0) {
                throw new IllegalStateException("a related entry without its source: " + document);
            }
            return new Link(origin, position, id, shownScore, editorial, targetLive,
                    prefix(id, shownScore) + document.substring(source));
        }

        private static String prefix(String id, double score) {
            return "{\"id\":" + Json.write(id) + ",\"score\":" + Json.write(score);
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
     * @return the links it shows, in the order shown, each with the id and score shown
     */
    public static List<Link> select(String articleId, List<Link> links, int relatedLimit) {
        Map<String, Link> candidates = new HashMap<>();
        for (Link link : links) {
            boolean computed = !link.editorial() || (link.score() < 1 && link.toLive());
            if (computed && link.relatedId() != null && !link.toRetracted()) {
                candidates.merge(link.relatedId(), link, (a, b) -> better(a, b, articleId));
            }
        }
        Map<String, Link> best = new LinkedHashMap<>();
        candidates.values().stream()
                .sorted(BEST_FIRST.thenComparing(Link::relatedId))
                .limit(relatedLimit > 0 ? relatedLimit : Long.MAX_VALUE)
                .forEach(link -> best.put(link.relatedId(), link));
        List<Link> shown = new ArrayList<>(links.size());
        links.stream().filter(Link::editorial).sorted(ROW_ORDER).forEach(link -> {
            String named = link.toLive() ? link.relatedId() : null;
            Link computed = named == null ? null : best.remove(named);
            shown.add(link.shownAs(named, computed == null ? 1.0 : computed.score()));
        });
        best.values().forEach(link -> shown.add(link.editorial() ? computedEntryOf(link, links) : link));
        shown.sort(BEST_FIRST); // stable: editorial first on equal scores
        return shown;
    }

    /**
     * A computed link whose best candidate was an editorial row (its target is named by an editorial link,
     * so this does not happen once the editorial entries took theirs): shown as the computed row to it, if any.
     */
    private static Link computedEntryOf(Link editorial, List<Link> links) {
        return links.stream().filter(l -> !l.editorial() && editorial.relatedId().equals(l.relatedId())).findFirst()
                .map(l -> l.shownAs(editorial.relatedId(), editorial.score())).orElse(editorial);
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
