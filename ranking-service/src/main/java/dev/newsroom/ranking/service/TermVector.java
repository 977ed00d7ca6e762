package dev.newsroom.ranking.service;

import java.util.function.Predicate;
import org.apache.lucene.util.BytesRef;

/**
 * An article's text as a sparse, L2-normalised vector: its analysed terms (UTF-8, in ascending byte order,
 * as the Lucene index keeps them) and their weights. The cosine of two such vectors is their dot product.
 */
record TermVector(BytesRef[] terms, float[] weights) {

    static final TermVector EMPTY = new TermVector(new BytesRef[0], new float[0]);

    double cosine(TermVector other) {
        BytesRef[] a = terms;
        BytesRef[] b = other.terms;
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < a.length && j < b.length) {
            int c = a[i].compareTo(b[j]);
            if (c == 0) {
                dot += weights[i++] * other.weights[j++];
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    /** Whether the two vectors share a term that {@code distinctive} accepts. */
    boolean sharesTerm(TermVector other, Predicate<BytesRef> distinctive) {
        BytesRef[] a = terms;
        BytesRef[] b = other.terms;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int c = a[i].compareTo(b[j]);
            if (c == 0) {
                if (distinctive.test(a[i])) {
                    return true;
                }
                i++;
                j++;
            } else if (c < 0) {
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
