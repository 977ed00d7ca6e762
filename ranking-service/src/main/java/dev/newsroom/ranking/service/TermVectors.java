package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.ranking.config.RankingConfig;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.util.BytesRef;

/**
 * Builds an article's {@link TermVector}: its title, excerpt, topics and the start of its body through
 * {@link TextAnalysis}, each field's occurrences weighted by the field's boost, then
 *
 * <pre>
 *   weight(term) = ln(1 + Σ boost(field) × occurrences(term, field)) × idf(term)
 * </pre>
 *
 * normalised to length 1 ({@link TermRarity} gives the idf). Terms are kept as their UTF-8 bytes, in
 * the order of Lucene's term dictionary: the index stores them as they are.
 */
final class TermVectors {

    private final TextAnalysis analysis;
    private final TermRarity rarity;
    private final RankingConfig.Index settings;

    TermVectors(TextAnalysis analysis, TermRarity rarity, RankingConfig.Index settings) {
        this.analysis = analysis;
        this.rarity = rarity;
        this.settings = settings;
    }

    TermVector of(Article article) {
        Map<String, float[]> counts = new HashMap<>();
        add(counts, article.title(), (float) settings.titleBoost());
        add(counts, article.excerpt(), 1f);
        for (String topic : article.topics()) {
            add(counts, topic, (float) settings.topicBoost());
        }
        String body = article.body();
        if (body != null && !body.isBlank()) {
            add(counts, body.length() > settings.maxBodyChars() ? body.substring(0, settings.maxBodyChars()) : body,
                    (float) settings.bodyBoost());
        }
        if (counts.isEmpty()) {
            return TermVector.EMPTY;
        }
        // in the order of the terms' keys (TermVector), each key computed once
        long[] keys = new long[counts.size()];
        BytesRef[] unsorted = new BytesRef[keys.length];
        Integer[] order = new Integer[keys.length];
        int n = 0;
        for (String term : counts.keySet()) {
            unsorted[n] = new BytesRef(term);
            keys[n] = TermVector.key(unsorted[n]);
            order[n] = n++;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> keys[i]).thenComparing(i -> unsorted[i]));
        BytesRef[] terms = new BytesRef[keys.length];
        for (int i = 0; i < terms.length; i++) {
            terms[i] = unsorted[order[i]];
        }
        Arrays.sort(keys);
        float[] weights = new float[terms.length];
        double norm = 0;
        for (int i = 0; i < terms.length; i++) {
            String term = terms[i].utf8ToString();
            weights[i] = (float) (Math.log1p(counts.get(term)[0]) * rarity.idf(term));
            norm += weights[i] * weights[i];
        }
        if (norm == 0) {
            return TermVector.EMPTY;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= scale;
        }
        return new TermVector(terms, weights, keys);
    }

    double idf(BytesRef term) {
        return rarity.idf(term.utf8ToString());
    }

    private void add(Map<String, float[]> counts, String text, float boost) {
        analysis.forEachTerm(text, term -> counts.computeIfAbsent(term, t -> new float[1])[0] += boost);
    }
}
