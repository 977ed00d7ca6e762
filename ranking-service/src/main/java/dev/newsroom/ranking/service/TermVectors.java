package dev.newsroom.ranking.service;

import dev.newsroom.model.Article;
import dev.newsroom.ranking.config.RankingConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds an article's {@link TermVector}: its title, excerpt, topics and the start of its body through
 * {@link TextAnalysis}, each field's occurrences weighted by the field's boost, then
 *
 * <pre>
 *   weight(term) = ln(1 + Σ boost(field) × occurrences(term, field)) × idf(term)
 * </pre>
 *
 * normalised to length 1 ({@link TermRarity} gives the idf). Also owns the term dictionary (term → id),
 * so not thread-safe: the {@link CorpusIndex} that uses it serialises access.
 */
final class TermVectors {

    private final TextAnalysis analysis;
    private final TermRarity rarity;
    private final RankingConfig.Index settings;
    private final Map<String, Integer> ids = new HashMap<>();
    private float[] idf = new float[1024];

    TermVectors(TextAnalysis analysis, TermRarity rarity, RankingConfig.Index settings) {
        this.analysis = analysis;
        this.rarity = rarity;
        this.settings = settings;
    }

    TermVector of(Article article) {
        Map<Integer, float[]> counts = new HashMap<>();
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
        int[] terms = new int[counts.size()];
        int n = 0;
        for (Integer term : counts.keySet()) {
            terms[n++] = term;
        }
        Arrays.sort(terms);
        float[] weights = new float[terms.length];
        double norm = 0;
        for (int i = 0; i < terms.length; i++) {
            weights[i] = (float) (Math.log1p(counts.get(terms[i])[0]) * idf[terms[i]]);
            norm += weights[i] * weights[i];
        }
        if (norm == 0) {
            return TermVector.EMPTY;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= scale;
        }
        return new TermVector(terms, weights);
    }

    float idf(int term) {
        return idf[term];
    }

    /** Number of distinct terms seen so far (term ids are below it). */
    int vocabularySize() {
        return ids.size();
    }

    private void add(Map<Integer, float[]> counts, String text, float boost) {
        analysis.forEachTerm(text, term -> counts.computeIfAbsent(idOf(term), t -> new float[1])[0] += boost);
    }

    private int idOf(String term) {
        Integer id = ids.get(term);
        if (id == null) {
            id = ids.size();
            ids.put(term, id);
            if (id == idf.length) {
                idf = Arrays.copyOf(idf, idf.length * 2);
            }
            idf[id] = (float) rarity.idf(term);
        }
        return id;
    }
}
