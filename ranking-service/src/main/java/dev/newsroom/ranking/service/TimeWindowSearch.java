package dev.newsroom.ranking.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;

/**
 * Candidate look-up in an index sorted by publication time ({@link #SORT}): in every segment the articles
 * published within a window are one range of doc ids, found by binary search, so a look-up reads only the
 * postings of that range, and of a term common in it only the {@code postingsPerTerm} nearest the
 * article's own time. The scores are summed term at a time into one array per segment (the sparse dot
 * product of the query terms' weights and the indexed {@code FeatureField} weights): there is no per-document
 * priority queue of clauses, as a disjunction query would keep, which is what cost the most here.
 *
 * <p>The window is what keeps the work per article constant as the index grows: the articles around one
 * time are as many with 10,000 articles indexed as with 10 million, when they span as much time.
 */
final class TimeWindowSearch {

    /** How the index is sorted: by publication time, documents without one (tombstones, notes) first. */
    static final Sort SORT = sort();

    private final int postingsPerTerm;
    /** Each segment's publication times in doc order (ascending), by the segment's core key. */
    private final Map<Object, long[]> published = new HashMap<>();

    TimeWindowSearch(int postingsPerTerm) {
        this.postingsPerTerm = postingsPerTerm;
    }

    private static Sort sort() {
        SortField byTime = new SortField(ArticleDocuments.PUBLISHED, SortField.Type.LONG);
        byTime.setMissingValue(Long.MIN_VALUE);
        return new Sort(byTime);
    }

    /**
     * The weight {@code FeatureField} keeps for {@code weight} (it drops the low 15 bits of the float): the
     * not-yet-visible articles are scored with it too, so that where an article is makes no difference.
     */
    static float indexed(float weight) {
        return Float.intBitsToFloat((Float.floatToIntBits(weight) >>> 15) << 15);
    }

    /** Forgets the times of segments the reader no longer has. */
    void refreshed(DirectoryReader reader) {
        Set<Object> current = new HashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            current.add(key(leaf.reader()));
        }
        published.keySet().retainAll(current);
    }

    /**
     * The best {@code limit} live documents (global doc ids, best first; equal scores by doc id) by the dot
     * product of {@code weights} with their {@code field} weights, among those published in [from, to].
     */
    ScoreDoc[] best(DirectoryReader reader, String field, BytesRef[] terms, float[] weights, long from, long centre,
                    long to, int limit) {
        LongHeap heap = new LongHeap(Math.max(1, Math.min(limit, reader.maxDoc())));
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                long[] times = times(segment);
                int lo = firstAtOrAfter(times, from);
                int hi = firstAtOrAfter(times, to == Long.MAX_VALUE ? to : to + 1);
                Terms postings = segment.terms(field);
                if (lo >= hi || postings == null) {
                    continue;
                }
                int middle = firstAtOrAfter(times, centre);
                float[] sums = new float[hi - lo];
                TermsEnum termsEnum = postings.iterator();
                PostingsEnum reuse = null;
                for (int t = 0; t < terms.length; t++) {
                    if (weights[t] <= 0 || !termsEnum.seekExact(terms[t])) {
                        continue;
                    }
                    int[] range = nearest(lo, hi, middle, termsEnum.docFreq(), segment.maxDoc());
                    reuse = termsEnum.postings(reuse, PostingsEnum.FREQS);
                    for (int doc = reuse.advance(range[0]); doc < range[1]; doc = reuse.nextDoc()) {
                        sums[doc - lo] += weights[t] * decode(reuse.freq());
                    }
                }
                Bits live = segment.getLiveDocs();
                for (int i = 0; i < sums.length; i++) {
                    if (sums[i] > 0 && (live == null || live.get(lo + i))) {
                        heap.insertWithOverflow(pack(sums[i], leaf.docBase + lo + i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScoreDoc[] hits = new ScoreDoc[heap.size()];
        for (int i = hits.length - 1; i >= 0; i--) {
            long packed = heap.pop();
            hits[i] = new ScoreDoc(~(int) packed, NumericUtils.sortableIntToFloat((int) (packed >>> 32)));
        }
        return hits;
    }

    /** How many live documents published in [from, to] have {@code term} in {@code field}, counting up to {@code stopAt}. */
    int count(DirectoryReader reader, String field, BytesRef term, long from, long to, int stopAt) {
        int count = 0;
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                long[] times = times(segment);
                int lo = firstAtOrAfter(times, from);
                int hi = firstAtOrAfter(times, to + 1);
                Terms postings = segment.terms(field);
                if (lo >= hi || postings == null) {
                    continue;
                }
                TermsEnum termsEnum = postings.iterator();
                if (!termsEnum.seekExact(term)) {
                    continue;
                }
                Bits live = segment.getLiveDocs();
                PostingsEnum docs = termsEnum.postings(null, PostingsEnum.NONE);
                for (int doc = docs.advance(lo); doc < hi; doc = docs.nextDoc()) {
                    if ((live == null || live.get(doc)) && ++count >= stopAt) {
                        return count;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /**
     * The doc range read for one term: all of [lo, hi) when the term's postings there are expected to be at
     * most {@code postingsPerTerm} (its documents spread evenly over the segment), otherwise a range about
     * that long around the article's own place in time.
     */
    private int[] nearest(int lo, int hi, int middle, int docFreq, int maxDoc) {
        long expected = (long) docFreq * (hi - lo) / Math.max(1, maxDoc);
        if (expected <= postingsPerTerm) {
            return new int[] {lo, hi};
        }
        int width = (int) Math.max(1, (long) postingsPerTerm * maxDoc / docFreq);
        int start = Math.max(lo, middle - width / 2);
        int end = Math.min(hi, start + width);
        start = Math.max(lo, end - width);
        return new int[] {start, end};
    }

    /** The score in the high half (its order as a float), the doc id inverted in the low half: ties favour the lower doc. */
    private static long pack(float score, int doc) {
        return ((long) NumericUtils.floatToSortableInt(score) << 32) | (~doc & 0xFFFFFFFFL);
    }

    /** What {@code FeatureField} stores as the term frequency is the weight's top 17 bits. */
    private static float decode(int freq) {
        return Float.intBitsToFloat(freq << 15);
    }

    private long[] times(LeafReader segment) throws IOException {
        Object key = key(segment);
        long[] times = published.get(key);
        if (times == null) {
            times = new long[segment.maxDoc()];
            NumericDocValues values = DocValues.getNumeric(segment, ArticleDocuments.PUBLISHED);
            Arrays.fill(times, Long.MIN_VALUE);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                times[doc] = values.longValue();
            }
            published.put(key, times);
        }
        return times;
    }

    private static Object key(LeafReader segment) {
        return segment.getCoreCacheHelper().getKey();
    }

    /** The first doc whose time is at least {@code time} (the times ascend). */
    private static int firstAtOrAfter(long[] times, long time) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
