package dev.newsroom.ranking.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class TermVectorTest {

    @Test
    void shouldGiveAMergesCosineToTheBit() {
        Random random = new Random(7);
        String[] vocabulary = new String[600]; // small enough that two vectors share terms often
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = "term" + i;
        }
        for (int round = 0; round < 300; round++) {
            TermVector query = randomVector(random, vocabulary);
            TermVector.Probe probe = query.probe();
            for (int other = 0; other < 20; other++) {
                TermVector candidate = randomVector(random, vocabulary);
                assertThat(Double.doubleToRawLongBits(probe.cosine(candidate)))
                        .as("round %d, candidate %d", round, other)
                        .isEqualTo(Double.doubleToRawLongBits(merged(query, candidate)));
            }
            assertThat(probe.cosine(query)).isEqualTo(merged(query, query));
            assertThat(probe.cosine(TermVector.EMPTY)).isZero();
        }
    }

    @Test
    void shouldProbeAnEmptyVector() {
        TermVector.Probe probe = TermVector.EMPTY.probe();
        TermVector one = vector(new String[] {"lonely"}, new float[] {1f});

        assertThat(probe.cosine(one)).isZero();
        assertThat(one.probe().cosine(one)).isEqualTo(1.0);
    }

    /** The cosine as the two sorted key arrays merged give it: the reference the probe must match. */
    private static double merged(TermVector a, TermVector b) {
        long[] x = a.keys();
        long[] y = b.keys();
        int i = 0;
        int j = 0;
        double dot = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                dot += a.weights()[i++] * b.weights()[j++];
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Math.min(1.0, dot);
    }

    /** A vector of up to 300 distinct terms of the vocabulary, with random weights, in its keys' order. */
    private static TermVector randomVector(Random random, String[] vocabulary) {
        int size = random.nextInt(300);
        String[] terms = random.ints(0, vocabulary.length).distinct().limit(size).mapToObj(i -> vocabulary[i])
                .toArray(String[]::new);
        float[] weights = new float[size];
        for (int i = 0; i < size; i++) {
            weights[i] = random.nextFloat() / (float) Math.sqrt(Math.max(1, size));
        }
        return vector(terms, weights);
    }

    private static TermVector vector(String[] terms, float[] weights) {
        Integer[] order = new Integer[terms.length];
        BytesRef[] refs = new BytesRef[terms.length];
        long[] keys = new long[terms.length];
        for (int i = 0; i < terms.length; i++) {
            order[i] = i;
            refs[i] = new BytesRef(terms[i].getBytes(StandardCharsets.UTF_8));
            keys[i] = TermVector.key(refs[i]);
        }
        Arrays.sort(order, Comparator.comparingLong(i -> keys[i]));
        BytesRef[] sortedTerms = new BytesRef[terms.length];
        float[] sortedWeights = new float[terms.length];
        long[] sortedKeys = new long[terms.length];
        for (int i = 0; i < terms.length; i++) {
            sortedTerms[i] = refs[order[i]];
            sortedWeights[i] = weights[order[i]];
            sortedKeys[i] = keys[order[i]];
        }
        return new TermVector(sortedTerms, sortedWeights, sortedKeys);
    }
}
