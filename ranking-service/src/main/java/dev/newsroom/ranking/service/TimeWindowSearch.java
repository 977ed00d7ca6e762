package dev.newsroom.ranking.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
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
 * thread-safe (its buffers and enumerations are reused): the {@link CorpusIndex} has one, used under the corpus's
 * lock, and its {@link LookAhead} another, used by whichever thread claims a search ahead.
 */
final class TimeWindowSearch {

    /** How the index is sorted: by publication time, documents without one (tombstones, notes) first. */
    static final Sort SORT = sort();

    /**
     * How many terms' {@link Places} a generation remembers: two generations of this many, up to about 3 MiB
     * each with 13 segments, cover the query terms of several hundred articles.
     */
    private static final int TERMS_REMEMBERED = 4_096;

    private final String field;
    private final int postingsPerTerm;
    /** Each segment's publication times in doc order (ascending). */
    private final SegmentCache<long[]> published = new SegmentCache<>(TimeWindowSearch::timesOf);
    /**
     * Each segment's enumeration of {@link #field}'s terms and of their postings, reused by every look-up:
     * a new one allocates its buffers and frames, which was a fifth of what the corpus feed allocated.
     */
    private final SegmentCache<Enums> enums = new SegmentCache<>(this::enumsOf);
    /** The terms asked for lately and their {@link Places}, in two generations ({@link #placesOf}). */
    private Map<BytesRef, Places> recentPlaces = new HashMap<>();
    private Map<BytesRef, Places> olderPlaces = Map.of();
    /** The sums of one segment's look-up, by doc id less the window's first; zero again after each segment. */
    private float[] sums = new float[1024];
    /** Which entries of {@link #sums} the look-up touched: reading them, not the window, keeps it small. */
    private int[] touched = new int[1024];

    /** A search of the weights indexed in {@code field} (as {@code FeatureField}s). */
    TimeWindowSearch(String field, int postingsPerTerm) {
        this.field = field;
        this.postingsPerTerm = postingsPerTerm;
    }

    /** A segment's terms of the field (null when it has none) and the postings last read from them. */
    private static final class Enums {
        /** The segment's core key: what a term's {@link Places} know it by. */
        final Object segment;
        final TermsEnum terms;
        PostingsEnum postings;

        Enums(Object segment, TermsEnum terms) {
            this.segment = segment;
            this.terms = terms;
        }
    }

    /**
     * Where one term is in the terms dictionary of each segment a seek looked it up in. A segment never changes,
     * so what a seek found stays true for as long as the segment lives; the same terms come back article after
     * article (a story's names, the words of the day), and a seek (the terms index, then a block of the
     * dictionary, then the term's metadata) was a fifth of the corpus feed's time. One hash look-up of the term
     * finds its places in every segment: one per segment cost almost as much as the seeks it saved.
     */
    private final class Places {
        /** The segments' core keys, compared by identity: a segment that is gone never matches a new one. */
        private Object[] segments = new Object[8];
        private Seek[] seeks = new Seek[8];
        private int size;

        /** Where the term is in the segment's dictionary; null when the segment does not have it. */
        Seek in(Enums segment, BytesRef term) throws IOException {
            for (int i = 0; i < size; i++) {
                if (segments[i] == segment.segment) {
                    return seeks[i] == Seek.ABSENT ? null : seeks[i];
                }
            }
            TermsEnum terms = segment.terms;
            Seek seek = terms.seekExact(term) ? new Seek(terms.termState(), terms.docFreq()) : Seek.ABSENT;
            if (size == segments.length) {
                forgetMergedSegments();
            }
            segments[size] = segment.segment;
            seeks[size++] = seek;
            return seek == Seek.ABSENT ? null : seek;
        }

        private void forgetMergedSegments() {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (enums.holds(segments[i])) { // the segments the reader has kept since its last refresh
                    segments[kept] = segments[i];
                    seeks[kept++] = seeks[i];
                }
            }
            Arrays.fill(segments, kept, size, null);
            Arrays.fill(seeks, kept, size, null);
            size = kept;
            if (size == segments.length) {
                segments = Arrays.copyOf(segments, size * 2);
                seeks = Arrays.copyOf(seeks, size * 2);
            }
        }
    }

    /** A term's place in one segment's terms dictionary and how many documents there have it. */
    private record Seek(TermState state, int docFreq) {
        static final Seek ABSENT = new Seek(null, 0);
    }

    /**
     * The places of {@code term}, remembered across look-ups in two generations: the terms asked for since
     * {@link #olderPlaces} was, and the generation before, whose terms move back when asked for again and are
     * forgotten with it.
     */
    private Places placesOf(BytesRef term) {
        Places places = recentPlaces.get(term);
        if (places == null) {
            places = olderPlaces.get(term);
            if (places == null) {
                places = new Places();
                term = BytesRef.deepCopyOf(term);
            }
            if (recentPlaces.size() >= TERMS_REMEMBERED) {
                olderPlaces = recentPlaces;
                recentPlaces = new HashMap<>();
            }
            recentPlaces.put(term, places);
        }
        return places;
    }

    private Enums enumsOf(LeafReader segment) throws IOException {
        Terms terms = segment.terms(field);
        return new Enums(segment.getCoreCacheHelper().getKey(), terms == null ? null : terms.iterator());
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

    /** Forgets what it kept of segments the reader no longer has. */
    void refreshed(DirectoryReader reader) {
        published.retain(reader);
        enums.retain(reader);
    }

    /**
     * What a look-up found: the best documents (global doc ids, best first; equal scores by doc id) and,
     * for each query term, the part of the window [{@code spanFrom}, {@code spanTo}] its postings were read
     * over, so that the articles not yet in the index are read over the same.
     */
    record Found(ScoreDoc[] hits, long[] spanFrom, long[] spanTo) {
    }

    /**
     * The best {@code limit} live documents by the dot product of {@code weights} with their {@link #field}
     * weights, among those published in [from, to]. A term expected to have more than {@code postingsPerTerm}
     * postings there is read only over one part of the window around {@code centre} that holds about that
     * many, the same in every segment: its count in the window is estimated from each segment's density
     * (its documents there spread evenly over the segment) plus {@code alsoInWindow[t]}, the articles with
     * it that are not in the index yet, and the part is the span around the centre that holds the same share
     * of all the window's documents ({@link Density}).
     */
    Found best(DirectoryReader reader, BytesRef[] terms, float[] weights, int[] alsoInWindow, long from,
               long centre, long to, int limit) {
        List<LeafReaderContext> leaves = reader.leaves();
        int[] los = new int[leaves.size()];
        int[] his = new int[leaves.size()];
        // each segment's times and enums, looked up by its core key once per look-up, not at every use
        long[][] times = new long[leaves.size()][];
        Enums[] segmentEnums = new Enums[leaves.size()];
        TermState[][] states = new TermState[leaves.size()][terms.length];
        double[] expected = new double[terms.length];
        for (int t = 0; t < terms.length; t++) {
            expected[t] = alsoInWindow[t];
        }
        LongHeap heap = new LongHeap(Math.max(1, Math.min(limit, reader.maxDoc())));
        // the terms looked up in their order in the terms dictionary: a seek then reuses the blocks the one
        // before it loaded, down to their common prefix
        Integer[] seekOrder = new Integer[terms.length];
        for (int t = 0; t < terms.length; t++) {
            seekOrder[t] = t;
        }
        Arrays.sort(seekOrder, (a, b) -> terms[a].compareTo(terms[b]));
        Places[] places = new Places[terms.length];
        for (int t = 0; t < terms.length; t++) {
            places[t] = weights[t] > 0 ? placesOf(terms[t]) : null;
        }
        try {
            for (int s = 0; s < leaves.size(); s++) {
                LeafReader segment = leaves.get(s).reader();
                times[s] = times(segment);
                los[s] = firstAtOrAfter(times[s], from);
                his[s] = firstAfter(times[s], to);
                segmentEnums[s] = enums.of(segment);
                if (los[s] >= his[s] || segmentEnums[s].terms == null) {
                    continue;
                }
                for (int t : seekOrder) {
                    Seek seek = places[t] != null ? places[t].in(segmentEnums[s], terms[t]) : null;
                    if (seek != null) {
                        states[s][t] = seek.state();
                        // times[s].length is the segment's maxDoc, already at hand (asking the reader at each term was 2 %)
                        expected[t] += (double) seek.docFreq() / times[s].length * (his[s] - los[s]);
                    }
                }
            }
            long windowDocs = 0;
            for (int s = 0; s < leaves.size(); s++) {
                windowDocs += Math.max(0, his[s] - los[s]);
            }
            long[] spanFrom = new long[terms.length];
            long[] spanTo = new long[terms.length];
            Density density = null;
            for (int t = 0; t < terms.length; t++) {
                spanFrom[t] = from;
                spanTo[t] = to;
                if (expected[t] > postingsPerTerm && windowDocs > 0) {
                    if (density == null) {
                        density = new Density(times, los, his, from, centre, to);
                    }
                    // the term's documents taken as spread like all the window's: the span around the centre
                    // that holds this share of them holds about postingsPerTerm of the term's
                    long half = density.halfWidthHolding(windowDocs * postingsPerTerm / expected[t]);
                    spanFrom[t] = Math.max(from, saturatedAdd(centre, -half));
                    spanTo[t] = Math.min(to, saturatedAdd(centre, half));
                }
            }
            for (int s = 0; s < leaves.size(); s++) {
                if (los[s] < his[s]) {
                    sumSegment(leaves.get(s), times[s], segmentEnums[s], from, to, los[s], his[s], terms, states[s], weights,
                            spanFrom, spanTo, heap);
                }
            }
            ScoreDoc[] hits = new ScoreDoc[heap.size()];
            for (int i = hits.length - 1; i >= 0; i--) {
                long packed = heap.pop();
                hits[i] = new ScoreDoc(~(int) packed, NumericUtils.sortableIntToFloat((int) (packed >>> 32)));
            }
            return new Found(hits, spanFrom, spanTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sums one segment's postings in the window [lo, hi) (the docs published in [from, to]), each term over
     * its span of it, into the heap.
     */
    private void sumSegment(LeafReaderContext leaf, long[] times, Enums segmentEnums, long from, long to, int lo, int hi,
                            BytesRef[] terms, TermState[] states, float[] weights, long[] spanFrom, long[] spanTo,
                            LongHeap heap) throws IOException {
        LeafReader segment = leaf.reader();
        if (sums.length < hi - lo) {
            sums = new float[ArrayUtil.oversize(hi - lo, Float.BYTES)];
        }
        int count = 0;
        TermsEnum termsEnum = segmentEnums.terms;
        for (int t = 0; t < terms.length; t++) {
            if (states[t] == null) {
                continue;
            }
            // a term read over the whole window needs no search of its own (each is some 16 cache misses)
            int start = spanFrom[t] == from ? lo : Math.max(lo, firstAtOrAfter(times, spanFrom[t]));
            int end = spanTo[t] == to ? hi : Math.min(hi, firstAfter(times, spanTo[t]));
            if (start >= end) {
                continue;
            }
            termsEnum.seekExact(terms[t], states[t]);
            PostingsEnum postings = termsEnum.postings(segmentEnums.postings, PostingsEnum.FREQS);
            segmentEnums.postings = postings;
            for (int doc = postings.advance(start); doc < end; doc = postings.nextDoc()) {
                int i = doc - lo;
                if (sums[i] == 0) {
                    if (count == touched.length) { // the check inline: ArrayUtil's call at every posting was 2 % of a feed run
                        touched = ArrayUtil.grow(touched, count + 1);
                    }
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

    /**
     * How many of the window's documents lie within some distance of its centre, measured at distances halving
     * from the window's farther edge down to zero. The documents are not spread evenly over the window: a live
     * feed puts hundreds into each second around now, a backfill a few into each hour. A span that should hold
     * some number of them is found from where they are, not from the window's average density, which around a
     * busy centre is many times too low.
     */
    private final class Density {
        /** Descending distances from the centre, the last zero. */
        private final long[] halves;
        /** The window's documents within each distance of the centre. */
        private final long[] counts;

        Density(long[][] times, int[] los, int[] his, long from, long centre, long to) {
            long widest = Math.max(saturatedAdd(centre, -from), saturatedAdd(to, -centre));
            int levels = 65 - Long.numberOfLeadingZeros(Math.max(1, widest)); // widest, widest / 2, …, 1, then 0
            halves = new long[levels];
            counts = new long[levels];
            for (int i = 0; i < levels; i++) {
                long half = i == levels - 1 ? 0 : widest >> i;
                halves[i] = half;
                long count = 0;
                for (int s = 0; s < times.length; s++) {
                    if (los[s] < his[s]) {
                        int lo = Math.max(los[s], firstAtOrAfter(times[s], saturatedAdd(centre, -half)));
                        int hi = Math.min(his[s], firstAfter(times[s], saturatedAdd(centre, half)));
                        count += Math.max(0, hi - lo);
                    }
                }
                counts[i] = count;
            }
        }

        /** The least distance from the centre within which about {@code docs} of the window's documents lie. */
        long halfWidthHolding(double docs) {
            int last = halves.length - 1;
            if (counts[last] >= docs) {
                return halves[last];
            }
            for (int i = last - 1; i >= 0; i--) {
                if (counts[i] >= docs) {
                    // between two measured distances, the documents of that shell taken as evenly spread
                    double share = (docs - counts[i + 1]) / (counts[i] - counts[i + 1]);
                    return halves[i + 1] + (long) Math.ceil(share * (halves[i] - halves[i + 1]));
                }
            }
            return halves[0];
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /** The first document of {@code segment} published at {@code time} or later. */
    int firstPublishedAt(LeafReader segment, long time) throws IOException {
        return firstAtOrAfter(times(segment), time);
    }

    /** The first document of {@code segment} published after {@code time}. */
    int firstPublishedAfter(LeafReader segment, long time) throws IOException {
        return firstAfter(times(segment), time);
    }

    /** How many live documents published in [from, to] have {@code term} in {@link #field}, counting up to {@code stopAt}. */
    int count(DirectoryReader reader, BytesRef term, long from, long to, int stopAt) {
        int count = 0;
        Places places = placesOf(term);
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                long[] times = times(segment);
                int lo = firstAtOrAfter(times, from);
                int hi = firstAfter(times, to);
                Enums segmentEnums = enums.of(segment);
                Seek seek = lo < hi && segmentEnums.terms != null ? places.in(segmentEnums, term) : null;
                if (seek == null) {
                    continue;
                }
                Bits live = segment.getLiveDocs();
                segmentEnums.terms.seekExact(term, seek.state());
                PostingsEnum docs = segmentEnums.terms.postings(segmentEnums.postings, PostingsEnum.NONE);
                segmentEnums.postings = docs;
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
