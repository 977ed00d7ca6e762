package dev.newsroom.ranking.service;

import java.io.IOException;
import java.util.function.Predicate;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * An article's text as a sparse, L2-normalised vector: its analysed terms (UTF-8), their weights, and each
 * term's 64-bit {@link #key}, the three in ascending order of the keys. The cosine of two such vectors is
 * their dot product, a merge of the two key arrays: comparing longs, not strings, is what makes scoring a
 * candidate cheap. A vector read back from the index decodes its terms only when they are asked for: a
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
        return new TermVector(null, encodedTerms, weights, keys);
    }

    /** Writes the terms as {@link #withEncodedTerms} reads them. */
    void encodeTerms(DataOutput out) throws IOException {
        for (BytesRef term : terms()) {
            out.writeVInt(term.length);
            out.writeBytes(term.bytes, term.offset, term.length);
        }
    }

    BytesRef[] terms() {
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

    double cosine(TermVector other) {
        long[] a = keys;
        long[] b = other.keys;
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
