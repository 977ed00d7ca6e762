package dev.newsroom.ranking.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.InfoStream;
import org.jboss.logging.Logger;

/**
 * The Lucene side of the {@link CorpusIndex}: one {@link IndexWriter} on the index's own directory, a
 * near-real-time reader refreshed on demand, and commits that carry their user data (the topic offsets
 * they cover, the news clock, the format and settings the index was built with).
 *
 * <p>Opening keeps the last commit when its format and settings are those of this code; otherwise, or
 * when the index cannot be read (missing, corrupt, of another Lucene format), it starts empty, and the
 * caller rebuilds it from the topic. A directory another process writes to (Lucene's {@code write.lock})
 * is refused with {@link IndexInUseException}.
 */
final class IndexStore implements Closeable {

    /** Commit user data: the format of the documents (raise it when {@link ArticleDocuments} changes). */
    static final String FORMAT_KEY = "newsroom.format";
    static final String FORMAT = "3"; // 2: sorted by publication time; 3: the summary a doc value, no longer stored
    /** Commit user data: the settings the graph was computed with. */
    static final String SETTINGS_KEY = "newsroom.settings";

    private static final Logger LOG = Logger.getLogger(IndexStore.class);
    private static final Logger LUCENE_LOG = Logger.getLogger(IndexStore.class.getName() + ".lucene");

    /** Thrown when another process holds the directory's write lock. */
    public static final class IndexInUseException extends IllegalStateException {
        IndexInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Directory directory;
    private final IndexWriter writer;
    private final Map<String, String> committed;
    private final boolean fresh;
    private DirectoryReader reader;

    /**
     * @param name     says where the directory is (and which setting names it), for messages
     * @param settings the settings the graph depends on: an index built with others is rebuilt
     */
    IndexStore(Directory directory, String name, String settings, String discard) {
        this.directory = directory;
        IndexWriter opened = null;
        Map<String, String> data = Map.of();
        String why = discard;
        try {
            if (why != null) {
                // the caller found the index unusable
            } else if (!DirectoryReader.indexExists(directory)) {
                why = "no index yet";
            } else {
                opened = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.APPEND));
                DirectoryReader check = DirectoryReader.open(opened);
                check.close();
                data = userData(opened);
                if (!FORMAT.equals(data.get(FORMAT_KEY))) {
                    why = "index format " + data.get(FORMAT_KEY) + ", this code writes " + FORMAT;
                } else if (!settings.equals(data.get(SETTINGS_KEY))) {
                    why = "built with other settings (" + data.get(SETTINGS_KEY) + ")";
                }
            }
        } catch (LockObtainFailedException e) {
            throw inUse(name, e);
        } catch (IOException | RuntimeException e) {
            why = "unreadable: " + e;
        }
        try {
            if (why != null) {
                if (opened != null) {
                    opened.rollback();
                }
                wipe(directory);
                LOG.infof("corpus index %s: %s; rebuilding it from the topic", name, why);
                opened = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
                data = Map.of();
            } else {
                LOG.infof("corpus index %s opened: %s", name, data);
            }
        } catch (LockObtainFailedException e) {
            throw inUse(name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the corpus index " + name, e);
        }
        this.writer = opened;
        this.committed = Map.copyOf(data);
        this.fresh = why != null;
        try {
            this.reader = DirectoryReader.open(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every file of the index, holding its lock, so that a corrupt commit cannot get in the way. */
    private static void wipe(Directory directory) throws IOException {
        try (Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            for (String file : directory.listAll()) {
                if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                    directory.deleteFile(file);
                }
            }
        }
    }

    private static IndexInUseException inUse(String name, LockObtainFailedException e) {
        return new IndexInUseException("the corpus index " + name + " is in use by another process (Lucene's write.lock):"
                + " give each ranking-service instance its own directory (newsroom.ranking.index.path)", e);
    }

    private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        IndexWriterConfig config = new IndexWriterConfig(new KeywordAnalyzer());
        config.setOpenMode(mode);
        // an uncommitted change is never half-kept: what is on disk is always a commit with its offsets
        config.setCommitOnClose(false);
        // the articles of one time are one doc-id range in every segment (TimeWindowSearch)
        config.setIndexSort(TimeWindowSearch.SORT);
        // every search visits every segment: fewer, larger ones (at the cost of some more merging)
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(4);
        config.setMergePolicy(merges);
        if (LUCENE_LOG.isDebugEnabled()) {
            config.setInfoStream(new LoggedInfoStream());
        }
        return config;
    }

    /**
     * Lucene's own account of what the writer does (flushes, merges, the doc-values updates it applies, each
     * commit's steps and their times), logged at DEBUG under {@code dev.newsroom.ranking.service.IndexStore.lucene}:
     * where a commit's time goes. Off unless that category is set to DEBUG: at 300 articles/s it wrote about 100
     * lines a second.
     */
    private static final class LoggedInfoStream extends InfoStream {
        @Override
        public void message(String component, String message) {
            LUCENE_LOG.debugf("%s: %s", component, message); // the handler names the thread
        }

        @Override
        public boolean isEnabled(String component) {
            return LUCENE_LOG.isDebugEnabled();
        }

        @Override
        public void close() {
        }
    }

    private static Map<String, String> userData(IndexWriter writer) {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    /** True when the index started empty (no usable commit): the topic must be read from the beginning. */
    boolean fresh() {
        return fresh;
    }

    /** The user data of the commit the index was opened at (empty when {@link #fresh()}). */
    Map<String, String> committed() {
        return committed;
    }

    IndexWriter writer() {
        return writer;
    }

    DirectoryReader reader() {
        return reader;
    }

    /** Makes every change so far visible to {@link #reader()}. */
    void refresh() {
        try {
            DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer, true);
            if (newer != null) {
                reader.close();
                reader = newer;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A durable commit of every change so far, recording {@code userData} (with the format and settings). */
    void commit(Map<String, String> userData, String settings) {
        Map<String, String> data = new HashMap<>(userData);
        data.put(FORMAT_KEY, FORMAT);
        data.put(SETTINGS_KEY, settings);
        writer.setLiveCommitData(data.entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes without committing: what was not committed is replayed from the topic at the next start. */
    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            writer.rollback();
        }
    }
}
