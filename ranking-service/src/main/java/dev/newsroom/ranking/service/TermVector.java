package dev.newsroom.ranking.service;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * An article's text as a sparse, L2-normalised vector: its analysed terms (UTF-8), their weights, and each
 * term's 64-bit {@link #key}, the three in ascending order of the keys. The cosine of two such vectors is
 * their dot product over the keys they share ({@link Probe}): comparing longs, not strings, is what makes scoring
 * a candidate cheap. A vector read back from the index decodes its terms only when they are asked for: a
 * candidate is scored by its weights and keys alone, and most candidates are never asked more.
 */
final class TermVector {

    static final TermVector EMPTY = new TermVector(new BytesRef[0], new float[0], new long[0]);

    private final float[] weights;
    private final long[] keys;
    /** Each term's UTF-8 length (a vInt) and bytes, in the order of the keys; null when given decoded. */
    private final byte[] encodedTerms;
    /** Null until {@link #terms()} decodes them from {@link #encodedTerms} (the terms point into it). */
    private BytesRef[] terms;

    TermVector(BytesRef[] terms, float[] weights, long[] keys) {
        this(terms, null, weights, keys);
    }

    private TermVector(BytesRef[] terms, byte[] encodedTerms, float[] weights, long[] keys) {
        this.terms = terms;
        this.encodedTerms = encodedTerms;
        this.weights = weights;
        this.keys = keys;
    }

    /** A vector whose terms stay encoded, as {@link #encodeTerms} wrote them, until they are asked for. */
    static TermVector withEncodedTerms(byte[] encodedTerms, float[] weights, long[] keys) {
        return new TermVector(null, Objects.requireNonNull(encodedTerms), weights, keys);
    }

    /** A vector of weights and keys alone, without its terms ({@link #hasTerms}): a candidate's, as scoring reads it. */
    static TermVector withoutTerms(float[] weights, long[] keys) {
        return new TermVector(null, null, weights, keys);
    }

    /**
     * False for a vector decoded without its terms: a candidate's, scored by its weights and keys alone. Its
     * {@link #terms} cannot be asked for.
     */
    boolean hasTerms() {
        return terms != null || encodedTerms != null;
    }

    /** Writes the terms as {@link #withEncodedTerms} reads them. */
    void encodeTerms(DataOutput out) throws IOException {
        for (BytesRef term : terms()) {
            out.writeVInt(term.length);
            out.writeBytes(term.bytes, term.offset, term.length);
        }
    }

    BytesRef[] terms() {
        if (!hasTerms()) {
            throw new IllegalStateException("a vector decoded without its terms");
        }
        if (terms == null) {
            ByteArrayDataInput in = new ByteArrayDataInput(encodedTerms);
            BytesRef[] decoded = new BytesRef[keys.length];
            for (int i = 0; i < decoded.length; i++) {
                int length = in.readVInt();
                decoded[i] = new BytesRef(encodedTerms, in.getPosition(), length);
                in.skipBytes(length);
            }
            terms = decoded;
        }
        return terms;
    }

    float[] weights() {
        return weights;
    }

    long[] keys() {
        return keys;
    }

    /** This vector's keys in a hash table, for its cosines with others ({@link Probe}). */
    Probe probe() {
        return new Probe(this);
    }

    /**
     * A vector's keys in an open-addressed hash table (less than half full), for its cosines with many other
     * vectors: each other vector's keys are looked up in it, one probe each mostly, rather than walking both key
     * arrays in a merge. The products are summed in the other's key order, as a merge would sum them, so the
     * result is a merge's to the bit (a vector's keys are distinct, as its terms are, but for a collision
     * {@link #key} makes unlikely).
     */
    static final class Probe {
        private final TermVector vector;
        /** Each slot's index into the vector's arrays, plus one; 0 where the slot is empty. */
        private final int[] slots;
        private final int mask;

        private Probe(TermVector vector) {
            this.vector = vector;
            this.slots = new int[Integer.highestOneBit(Math.max(1, vector.size())) << 2];
            this.mask = slots.length - 1;
            long[] keys = vector.keys;
            for (int i = 0; i < keys.length; i++) {
                int slot = (int) keys[i] & mask; // the keys' bits are mixed already (see key)
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = i + 1;
            }
        }

        /** The cosine of the vector with {@code other}: their dot product (at most 1, against rounding). */
        double cosine(TermVector other) {
            long[] keys = vector.keys;
            float[] weights = vector.weights;
            long[] otherKeys = other.keys;
            float[] otherWeights = other.weights;
            double dot = 0;
            for (int j = 0; j < otherKeys.length; j++) {
                long key = otherKeys[j];
                for (int slot = (int) key & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                    int i = slots[slot] - 1;
                    if (keys[i] == key) {
                        dot += weights[i] * otherWeights[j];
                        break;
                    }
                }
            }
            return Math.min(1.0, dot);
        }
    }

    /** Whether the two vectors share a term that {@code distinctive} accepts. */
    boolean sharesTerm(TermVector other, Predicate<BytesRef> distinctive) {
        long[] a = keys;
        long[] b = other.keys;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                if (distinctive.test(terms()[i])) {
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
        return keys.length;
    }

    /**
     * A term's key: FNV-1a over its UTF-8 bytes, mixed by MurmurHash3's 64-bit finaliser. Two terms of one
     * collection share a key with a probability of about n² / 2⁶⁵ (10⁻⁸ for a million distinct terms).
     */
    static long key(BytesRef term) {
        long h = 0xcbf29ce484222325L;
        for (int i = term.offset, end = term.offset + term.length; i < end; i++) {
            h ^= term.bytes[i] & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
