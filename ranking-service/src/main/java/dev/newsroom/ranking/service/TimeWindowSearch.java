package dev.newsroom.ranking.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
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
import org.apache.lucene.util.ArrayUtil;
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
 * time are as many with 10,000 articles indexed as with 10 million, when they span as much time. Not
 * thread-safe (its buffers are reused): the {@link CorpusIndex} serialises access.
 */
final class TimeWindowSearch {

    /** How the index is sorted: by publication time, documents without one (tombstones, notes) first. */
    static final Sort SORT = sort();

    private final int postingsPerTerm;
    /** Each segment's publication times in doc order (ascending). */
    private final SegmentCache<long[]> published = new SegmentCache<>(TimeWindowSearch::timesOf);
    /** The sums of one segment's look-up, by doc id less the window's first; zero again after each segment. */
    private float[] sums = new float[1024];
    /** Which entries of {@link #sums} the look-up touched: reading them, not the window, keeps it small. */
    private int[] touched = new int[1024];

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
        published.retain(reader);
    }

    /**
     * The best {@code limit} live documents (global doc ids, best first; equal scores by doc id) by the dot
     * product of {@code weights} with their {@code field} weights, among those published in [from, to]. A
     * term expected to have more than {@code postingsPerTerm} postings there is read only over a part of the
     * window around {@code centre} that holds about that many: its density is estimated in each segment
     * (its documents there spread evenly over the segment), and the window's size is counted over all.
     */
    ScoreDoc[] best(DirectoryReader reader, String field, BytesRef[] terms, float[] weights, long from, long centre,
                    long to, int limit) {
        List<LeafReaderContext> leaves = reader.leaves();
        int[] los = new int[leaves.size()];
        int[] his = new int[leaves.size()];
        long windowDocs = 0;
        LongHeap heap = new LongHeap(Math.max(1, Math.min(limit, reader.maxDoc())));
        try {
            for (int s = 0; s < leaves.size(); s++) {
                long[] times = times(leaves.get(s).reader());
                los[s] = firstAtOrAfter(times, from);
                his[s] = firstAfter(times, to);
                windowDocs += Math.max(0, his[s] - los[s]);
            }
            for (int s = 0; s < leaves.size(); s++) {
                if (los[s] < his[s]) {
                    sumSegment(leaves.get(s), field, los[s], his[s], windowDocs, terms, weights, from, centre, to, heap);
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

    /** Sums one segment's postings in the window [lo, hi), each term over its part of it, into the heap. */
    private void sumSegment(LeafReaderContext leaf, String field, int lo, int hi, long windowDocs, BytesRef[] terms,
                            float[] weights, long from, long centre, long to, LongHeap heap) throws IOException {
        LeafReader segment = leaf.reader();
        Terms indexed = segment.terms(field);
        if (indexed == null) {
            return;
        }
        long[] times = times(segment);
        if (sums.length < hi - lo) {
            sums = new float[ArrayUtil.oversize(hi - lo, Float.BYTES)];
        }
        int count = 0;
        TermsEnum termsEnum = indexed.iterator();
        PostingsEnum postings = null;
        for (int t = 0; t < terms.length; t++) {
            if (weights[t] <= 0 || !termsEnum.seekExact(terms[t])) {
                continue;
            }
            int start = lo;
            int end = hi;
            double expected = (double) termsEnum.docFreq() / segment.maxDoc() * windowDocs;
            if (expected > postingsPerTerm) {
                long span = (long) ((double) (to - from) * postingsPerTerm / expected);
                long spanEnd = Math.min(to, Math.max(from, centre - span / 2) + span);
                long spanStart = Math.max(from, spanEnd - span);
                start = Math.max(lo, firstAtOrAfter(times, spanStart));
                end = Math.min(hi, firstAfter(times, spanEnd));
            }
            if (start >= end) {
                continue;
            }
            postings = termsEnum.postings(postings, PostingsEnum.FREQS);
            for (int doc = postings.advance(start); doc < end; doc = postings.nextDoc()) {
                int i = doc - lo;
                if (sums[i] == 0) {
                    touched = ArrayUtil.grow(touched, count + 1);
                    touched[count++] = i;
                }
                sums[i] += weights[t] * decode(postings.freq()); // > 0: every weight is
            }
        }
        Bits live = segment.getLiveDocs();
        for (int k = 0; k < count; k++) {
            int i = touched[k];
            if (live == null || live.get(lo + i)) {
                heap.insertWithOverflow(pack(sums[i], leaf.docBase + lo + i));
            }
            sums[i] = 0;
        }
    }

    /** How many live documents published in [from, to] have {@code term} in {@code field}, counting up to {@code stopAt}. */
    int count(DirectoryReader reader, String field, BytesRef term, long from, long to, int stopAt) {
        int count = 0;
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                long[] times = times(segment);
                int lo = firstAtOrAfter(times, from);
                int hi = firstAfter(times, to);
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

    /** The score in the high half (its order as a float), the doc id inverted in the low half: ties favour the lower doc. */
    private static long pack(float score, int doc) {
        return ((long) NumericUtils.floatToSortableInt(score) << 32) | (~doc & 0xFFFFFFFFL);
    }

    /** What {@code FeatureField} stores as the term frequency is the weight's top 17 bits. */
    private static float decode(int freq) {
        return Float.intBitsToFloat(freq << 15);
    }

    private long[] times(LeafReader segment) throws IOException {
        return published.of(segment);
    }

    private static long[] timesOf(LeafReader segment) throws IOException {
        long[] times = new long[segment.maxDoc()];
        NumericDocValues values = DocValues.getNumeric(segment, ArticleDocuments.PUBLISHED);
        Arrays.fill(times, Long.MIN_VALUE);
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            times[doc] = values.longValue();
        }
        return times;
    }

    /** The first doc whose time is after {@code time} (the times ascend). */
    private static int firstAfter(long[] times, long time) {
        return time == Long.MAX_VALUE ? times.length : firstAtOrAfter(times, time + 1);
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
