package dev.newsroom.ranking.service;

/**
 * An article's text as a sparse, L2-normalised vector: term ids in ascending order and their weights.
 * The cosine of two such vectors is their dot product.
 */
record TermVector(int[] terms, float[] weights) {

    static final TermVector EMPTY = new TermVector(new int[0], new float[0]);

    double cosine(TermVector other) {
        int[] a = terms;
        int[] b = other.terms;
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                dot += weights[i++] * other.weights[j++];
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    /** Whether the two vectors share a term that {@code distinctive} accepts. */
    boolean sharesTerm(TermVector other, java.util.function.IntPredicate distinctive) {
        int[] a = terms;
        int[] b = other.terms;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                if (distinctive.test(a[i])) {
                    return true;
                }
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    int size() {
        return terms.length;
    }
}
