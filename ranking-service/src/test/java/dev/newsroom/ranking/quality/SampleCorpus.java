package dev.newsroom.ranking.quality;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.seed.SeedFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled samples as ingested events, the way ingest-service would publish them: the seed, the
 * three corpus sets and, optionally, every editorial related entry as an article of its own (they carry
 * title, excerpt, date, URL and provider, enough to be ingested).
 */
public final class SampleCorpus {

    public static final Instant INGESTED_AT = Instant.parse("2026-01-01T00:00:00Z");

    private SampleCorpus() {
    }

    /**
     * Every sample file as an event, keyed by article id (later files with the same id win, as on the topic),
     * each as a live article: the sample sources set {@code published: false} on 90 live articles (30 of the
     * 50 smartable-ai files whose editorial lists the evaluation uses, and the later copies of the Provance
     * release), which ranking reads as a retraction; the evaluation measures linking and clustering, so it
     * reads them as the live articles they are.
     */
    public static Map<String, ArticleEvent> files(boolean withEditorialLists) {
        Map<String, ArticleEvent> events = new LinkedHashMap<>();
        for (Path file : Samples.allArticles()) {
            Article article = new SeedFormat().read(file.getFileName().toString(), Samples.bytes(file)).article();
            article = article.toBuilder().published(null).build();
            if (!withEditorialLists) {
                article = article.toBuilder().related(List.of()).build();
            }
            ArticleEvent event = event(article, file.getFileName().toString());
            events.put(event.articleId(), event);
        }
        return events;
    }

    /** The editorial related entries of every sample file that are not sample files themselves, as articles. */
    public static Map<String, ArticleEvent> editorialEntries() {
        Map<String, ArticleEvent> files = files(true);
        Map<String, ArticleEvent> entries = new LinkedHashMap<>();
        for (ArticleEvent file : files.values()) {
            for (RelatedArticle r : file.article().related()) {
                String id = ArticleId.of(r).orElse(null);
                if (id != null && !files.containsKey(id) && r.publishedDateTime() != null) {
                    entries.putIfAbsent(id, event(asArticle(r), "related-of-" + file.sourceFile()));
                }
            }
        }
        return entries;
    }

    public static List<ArticleEvent> all(boolean withEditorialLists) {
        List<ArticleEvent> all = new ArrayList<>(files(withEditorialLists).values());
        all.addAll(editorialEntries().values());
        return all;
    }

    public static ArticleEvent event(Article article, String sourceFile) {
        String canonical = CanonicalUrl.of(article.primaryUrl()).orElseThrow();
        return ArticleEvent.ingested(ArticleId.fromCanonicalUrl(canonical), 1, canonical, SeedFormat.contentHash(article),
                INGESTED_AT, sourceFile, article);
    }

    static Article asArticle(RelatedArticle r) {
        return Article.builder().title(r.title()).excerpt(r.excerpt()).publishedDateTime(r.publishedDateTime())
                .originalUrl(r.originalUrl()).webUrl(r.webUrl()).ampWebUrl(r.ampWebUrl()).cdnAmpWebUrl(r.cdnAmpWebUrl())
                .type(r.type()).provider(r.provider()).quality(r.quality()).images(r.images()).build();
    }
}
