package dev.newsroom.ranking.quality;

import dev.newsroom.model.Article;
import dev.newsroom.model.event.ArticleEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The baseline: Lucene's MoreLikeThis over the same documents (EnglishAnalyzer over title + excerpt +
 * topics, one Lucene document per article), with its default settings or tuned (minTermFreq 1,
 * minDocFreq 1), as the issue measured it.
 */
public final class MoreLikeThisBaseline {

    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final MoreLikeThis mlt;
    private final Map<String, Integer> docOfId = new HashMap<>();

    public MoreLikeThisBaseline(List<ArticleEvent> documents, boolean tuned) {
        try {
            Analyzer analyzer = new EnglishAnalyzer();
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (ArticleEvent event : documents) {
                    Article a = event.article();
                    Document doc = new Document();
                    doc.add(new StringField("id", event.articleId(), Field.Store.YES));
                    doc.add(new TextField("text", String.join("\n", nonNull(a.title()), nonNull(a.excerpt()),
                            String.join(", ", a.topics())), Field.Store.YES));
                    writer.addDocument(doc);
                }
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            for (int i = 0; i < reader.maxDoc(); i++) {
                docOfId.put(reader.storedFields().document(i).get("id"), i);
            }
            mlt = new MoreLikeThis(reader);
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[] {"text"});
            if (tuned) {
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The related ids of an article, best first (the article itself left out). */
    public List<String> related(String id, int n) {
        try {
            int doc = docOfId.get(id);
            List<String> ids = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(mlt.like(doc), n + 1).scoreDocs) {
                if (hit.doc != doc && ids.size() < n) {
                    ids.add(reader.storedFields().document(hit.doc).get("id"));
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Function<String, List<String>> topLinks(int n) {
        return id -> related(id, n);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
