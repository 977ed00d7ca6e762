package dev.newsroom.ranking.service;

import dev.newsroom.ranking.config.RankingConfig;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.util.BytesRef;

/**
 * How related two articles are, from those two articles alone (so the answer never depends on what else
 * is indexed, or in which order it came):
 *
 * <pre>
 *   score = providerFactor × (textWeight × text + topicsWeight × topics + timeWeight × time)
 *   text  = cosine of the two term vectors (title, excerpt, topics, body; see TermVectors)
 *   topics = |topics in common| / |topics of either|   (Jaccard; when either has no topics, topicsWeight
 *            goes to the text instead: unknown topics say nothing either way)
 *   time   = 0.5 ^ (hours between the publications / timeHalfLifeHours)
 *   providerFactor = sameProviderFactor for two articles of one provider, else 1
 * </pre>
 *
 * Every score is in [0, 1]; a candidate below {@code minScore} is never linked. Two articles are about
 * the same event (one story) when their text similarity reaches the story's {@code minSimilarity}, they
 * were published at most {@code maxGap} apart, and they share a distinctive term or their similarity reaches
 * {@code nearDuplicateSimilarity}.
 */
public final class RelatedScorer {

    private final RankingConfig.Related related;
    private final double storyMinSimilarity;
    private final long storyMaxGapSeconds;
    private final double storyNearDuplicate;
    private final double timeHalfLifeSeconds;

    public RelatedScorer(RankingConfig.Related related, RankingConfig.Story story) {
        this.related = related;
        this.storyMinSimilarity = story.minSimilarity();
        this.storyMaxGapSeconds = story.maxGap().toSeconds();
        this.storyNearDuplicate = story.nearDuplicateSimilarity();
        this.timeHalfLifeSeconds = Math.max(1, related.timeHalfLife().toSeconds());
    }

    double score(ArticleProfile a, ArticleProfile b, double text) {
        double time = Math.pow(0.5, Math.abs(a.published() - b.published()) / timeHalfLifeSeconds);
        double providerFactor = a.domain() != null && Objects.equals(a.domain(), b.domain()) ? related.sameProviderFactor() : 1;
        double similarity = a.topics().isEmpty() || b.topics().isEmpty()
                // topics unknown on either side say nothing either way: their weight goes to the text
                ? (related.textWeight() + related.topicsWeight()) * text
                : related.textWeight() * text + related.topicsWeight() * jaccard(a.topics(), b.topics());
        return providerFactor * (similarity + related.timeWeight() * time);
    }

    boolean isRelated(double score) {
        return score >= related.minScore();
    }

    boolean sameStory(ArticleProfile a, ArticleProfile b, double text, Predicate<BytesRef> distinctive) {
        return text >= storyMinSimilarity && Math.abs(a.published() - b.published()) <= storyMaxGapSeconds
                && (text >= storyNearDuplicate || a.vector().sharesTerm(b.vector(), distinctive));
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String topic : a) {
            if (b.contains(topic)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
