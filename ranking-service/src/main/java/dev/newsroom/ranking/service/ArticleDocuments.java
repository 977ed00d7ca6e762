package dev.newsroom.ranking.service;

import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene documents of the {@link CorpusIndex}, and the encoding of what they keep as doc values. Three
 * kinds of document:
 *
 * <ul>
 *   <li>an indexed article (one per article, its latest version): {@code id} (term, for updates and
 *   look-ups), {@code ord} (the index's number of this version), {@code version}, {@code published}
 *   (point for ranges, doc value), {@code provider} (sorted doc value), {@code v} (the term vector as
 *   {@link FeatureField}s: candidate look-up is a sum of linear feature queries, the sparse dot product),
 *   {@code profile} (what scoring needs: provider, topics and the exact vector), {@code event} (the ingested event's
 *   JSON, stored), {@code summary} (the entry it makes in another article's related list, JSON, a doc value:
 *   read back on its own, not by decompressing the stored block that holds the event beside it), {@code storyFacts} (what its story's facts need of it: quality and providers, read at
 *   start), {@code graph} (its related links with their scores, its same-story edges: doc values updated in
 *   place at each commit);</li>
 *   <li>a tombstone (one per retracted article): {@code retracted} (term), {@code retractedVersion};</li>
 *   <li>a former-neighbours note (one per replaced or dropped version whose neighbours must still be told):
 *   {@code former} (term), {@code formerOf} (their ords).</li>
 * </ul>
 */
final class ArticleDocuments {

    static final String ID = "id";
    static final String ORD = "ord";
    static final String VERSION = "version";
    static final String PUBLISHED = "published";
    static final String PROVIDER = "provider";
    static final String TERMS = "v";
    static final String PROFILE = "profile";
    static final String EVENT = "event";
    static final String SUMMARY = "summary";
    static final String GRAPH = "graph";
    static final String STORY_FACTS = "storyFacts";
    static final String ID_VALUE = "idValue";
    static final String RETRACTED = "retracted";
    static final String RETRACTED_VERSION = "retractedVersion";
    static final String FORMER = "former";
    static final String FORMER_OF = "formerOf";

    private ArticleDocuments() {
    }

    static Document article(IndexedArticle article, ArticleProfile profile, byte[] eventJson, RelatedArticle summary) {
        Document doc = new Document();
        doc.add(new StringField(ID, article.id(), Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID_VALUE, new BytesRef(article.id())));
        doc.add(new NumericDocValuesField(ORD, article.ord));
        doc.add(new NumericDocValuesField(VERSION, article.version));
        doc.add(new LongPoint(PUBLISHED, article.published));
        doc.add(new NumericDocValuesField(PUBLISHED, article.published));
        if (profile.domain() != null) {
            doc.add(new SortedDocValuesField(PROVIDER, new BytesRef(profile.domain())));
        }
        TermVector vector = profile.vector();
        for (int i = 0; i < vector.size(); i++) {
            if (vector.weights()[i] > 0) { // a term more common than rare adds nothing to a dot product
                doc.add(new FeatureField(TERMS, vector.terms()[i].utf8ToString(), vector.weights()[i]));
            }
        }
        doc.add(new BinaryDocValuesField(PROFILE, profile(profile)));
        doc.add(new BinaryDocValuesField(STORY_FACTS, storyFacts(article)));
        doc.add(new BinaryDocValuesField(GRAPH, graph(article)));
        // bytes, not a string: Lucene counts a string's UTF-8 length char by char, once as the document is added and
        // again as the index sort copies it at flush, which was a fifth of the feed's time (BENCHMARKS.md, "twelfth pass")
        doc.add(new StoredField(EVENT, eventJson));
        // a doc value, not a stored field: a stored summary was read by decompressing its document's block, event and
        // all (some 8 KB for 300 bytes), a quarter of what ranking-service allocated (BENCHMARKS.md, "eighteenth pass")
        doc.add(new BinaryDocValuesField(SUMMARY, new BytesRef(Json.writeBytes(summary))));
        return doc;
    }

    static Term idTerm(String id) {
        return new Term(ID, id);
    }

    static Document tombstone(String id, long version) {
        Document doc = new Document();
        doc.add(new StringField(RETRACTED, id, Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID_VALUE, new BytesRef(id)));
        doc.add(new NumericDocValuesField(RETRACTED_VERSION, version));
        return doc;
    }

    static Document former(String id, List<IndexedArticle> neighbours) {
        Document doc = new Document();
        doc.add(new StringField(FORMER, id, Field.Store.NO));
        doc.add(new BinaryDocValuesField(ID_VALUE, new BytesRef(id)));
        doc.add(new BinaryDocValuesField(FORMER_OF, encode(out -> {
            out.writeVInt(neighbours.size());
            for (IndexedArticle n : neighbours) {
                out.writeVLong(n.ord);
            }
        })));
        return doc;
    }

    static long[] formerOrds(BytesRef value) {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        long[] ords = new long[in.readVInt()];
        for (int i = 0; i < ords.length; i++) {
            ords[i] = in.readVLong();
        }
        return ords;
    }

    /**
     * The provider's domain (empty when none), the topics, then the vector: its size, weights, keys and last
     * its terms (length, UTF-8), which a candidate's scoring does not read.
     */
    static BytesRef profile(ArticleProfile profile) {
        return encode(out -> {
            out.writeString(profile.domain() == null ? "" : profile.domain());
            out.writeVInt(profile.topics().size());
            for (String topic : profile.topics()) {
                out.writeString(topic);
            }
            TermVector vector = profile.vector();
            out.writeVInt(vector.size());
            for (float weight : vector.weights()) {
                out.writeInt(Float.floatToIntBits(weight));
            }
            for (long key : vector.keys()) {
                out.writeLong(key);
            }
            vector.encodeTerms(out);
        });
    }

    /**
     * Decodes a {@link #profile} (it keeps none of {@code value}, which its reader may reuse), its domain and
     * topics from {@code strings}. Without its terms ({@code withTerms} false) its vector has only weights and
     * keys: all that scoring it as a candidate reads ({@link TermVector#hasTerms}).
     */
    static ArticleProfile profile(BytesRef value, long published, boolean withTerms, SharedStrings strings) {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        String domain = readString(in, value, strings);
        int topicCount = in.readVInt();
        Set<String> topics;
        if (topicCount == 0) {
            topics = Set.of();
        } else {
            String[] distinct = new String[topicCount]; // written from a set
            for (int i = 0; i < topicCount; i++) {
                distinct[i] = readString(in, value, strings);
            }
            topics = Set.of(distinct); // an array, not a hash map with a node per topic
        }
        int size = in.readVInt();
        if (size == 0) {
            return new ArticleProfile(published, domain.isEmpty() ? null : domain, topics, TermVector.EMPTY);
        }
        float[] weights = new float[size];
        for (int i = 0; i < size; i++) {
            weights[i] = Float.intBitsToFloat(in.readInt());
        }
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = in.readLong();
        }
        TermVector vector = withTerms
                ? TermVector.withEncodedTerms(Arrays.copyOfRange(value.bytes, in.getPosition(), value.offset + value.length),
                        weights, keys)
                : TermVector.withoutTerms(weights, keys);
        return new ArticleProfile(published, domain.isEmpty() ? null : domain, topics, vector);
    }

    /** A string as {@code DataOutput.writeString} wrote it: its UTF-8 length, then its bytes. */
    private static String readString(ByteArrayDataInput in, BytesRef value) {
        int length = in.readVInt();
        String string = new String(value.bytes, in.getPosition(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return string;
    }

    /** {@link #readString(ByteArrayDataInput, BytesRef)}, the one copy {@code strings} keeps of it. */
    private static String readString(ByteArrayDataInput in, BytesRef value, SharedStrings strings) {
        int length = in.readVInt();
        String string = strings.of(value.bytes, in.getPosition(), length);
        in.skipBytes(length);
        return string;
    }

    /** The article's quality (+ 1, so that none is 0) and its providers ({@link IndexedArticle#providers}). */
    static BytesRef storyFacts(IndexedArticle article) {
        return encode(out -> {
            out.writeVInt(article.quality + 1);
            out.writeVInt(article.providers.length);
            for (String provider : article.providers) {
                out.writeString(provider);
            }
        });
    }

    /** A decoded {@link #storyFacts}. */
    record StoryFacts(int quality, String[] providers) {
    }

    static StoryFacts storyFacts(BytesRef value) {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        int quality = in.readVInt() - 1;
        String[] providers = new String[in.readVInt()];
        for (int i = 0; i < providers.length; i++) {
            providers[i] = readString(in, value).intern(); // as IndexedArticle.providersOf keeps them
        }
        return new StoryFacts(quality, providers);
    }

    private static final int RELATED_STALE = 1;
    private static final int RENAMED_A_STORY = 2;
    private static final int NAMED_ITS_STORY = 4;

    /**
     * Its flags (whether the related list must be recomputed, and what its arrival did to stories: bits an
     * index written before they were kept reads as 0), the related links (ord, score), the same-story edges (ords).
     */
    static BytesRef graph(IndexedArticle article) {
        return encode(out -> {
            out.writeByte((byte) ((article.relatedStale ? RELATED_STALE : 0) | (article.renamedAStory ? RENAMED_A_STORY : 0)
                    | (article.namedItsStory ? NAMED_ITS_STORY : 0)));
            out.writeVInt(article.relatedCount());
            for (int i = 0; i < article.relatedCount(); i++) {
                out.writeVLong(article.relatedArticle(i).ord);
                out.writeLong(Double.doubleToLongBits(article.relatedScore(i)));
            }
            out.writeVInt(article.sameStoryCount());
            for (int i = 0; i < article.sameStoryCount(); i++) {
                out.writeVLong(article.sameStory(i).ord);
            }
        });
    }

    private interface Encoder {
        void write(ByteBuffersDataOutput out) throws IOException;
    }

    private static BytesRef encode(Encoder encoder) {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            encoder.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory
        }
        return new BytesRef(out.toArrayCopy());
    }

    /** A decoded {@link #graph}: ords still to be resolved to articles. */
    record Graph(boolean relatedStale, boolean renamedAStory, boolean namedItsStory, long[] relatedOrds,
                 double[] relatedScores, long[] sameStoryOrds) {
    }

    static Graph graph(BytesRef value) {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        int flags = in.readByte();
        int related = in.readVInt();
        long[] ords = new long[related];
        double[] scores = new double[related];
        for (int i = 0; i < related; i++) {
            ords[i] = in.readVLong();
            scores[i] = Double.longBitsToDouble(in.readLong());
        }
        long[] story = new long[in.readVInt()];
        for (int i = 0; i < story.length; i++) {
            story[i] = in.readVLong();
        }
        return new Graph((flags & RELATED_STALE) != 0, (flags & RENAMED_A_STORY) != 0, (flags & NAMED_ITS_STORY) != 0,
                ords, scores, story);
    }
}
