package dev.newsroom.ranking.service;

import dev.newsroom.model.event.ArticleEvent;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * The index searches of articles about to be indexed, run ahead of them on a helper thread. Indexing an article is
 * a search of the index for its candidates, then the work on the graphs, which depends on the articles indexed
 * before it. The search does not: it reads the reader of the moment, which stays the same until the next refresh,
 * and the articles indexed since that refresh (the pending ones) are looked up apart. So while the caller indexes
 * one article, the helper searches for the next ones, and the two cores work at once.
 *
 * <p>{@link #expect} takes the searches of a batch (the records of a poll), in the order they will be indexed.
 * The helper claims them in that order; when the caller reaches one the helper has not claimed, it claims it and
 * searches with its own {@link TimeWindowSearch} (the two never share one: a search's enumerations and buffers
 * are its own). Before the reader changes ({@link #quiesce}) the searches not claimed are dropped and the claimed
 * ones awaited. Everything but the claiming runs on the thread that holds the {@link Corpus}'s lock.
 */
final class LookAhead implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LookAhead.class);
    private static final int FREE = 0;
    private static final int CLAIMED = 1;
    private static final int DONE = 2;
    private static final int DROPPED = 3;

    /** One article's search of the index: what {@link TimeWindowSearch#best} is asked, and what it found. */
    static final class Search {
        final ArticleEvent event;
        final ArticleProfile profile;
        final DirectoryReader reader;
        final BytesRef[] terms;
        final float[] weights;
        final int[] alsoInWindow;
        final long from;
        final long centre;
        final long to;
        final int limit;
        private final AtomicInteger state = new AtomicInteger(FREE);
        private final CountDownLatch done = new CountDownLatch(1);
        /** Written before {@link #done} counts down; null when the search failed (the caller searches again). */
        private TimeWindowSearch.Found found;

        Search(ArticleEvent event, ArticleProfile profile, DirectoryReader reader, BytesRef[] terms, float[] weights,
               int[] alsoInWindow, long from, long centre, long to, int limit) {
            this.event = event;
            this.profile = profile;
            this.reader = reader;
            this.terms = terms;
            this.weights = weights;
            this.alsoInWindow = alsoInWindow;
            this.from = from;
            this.centre = centre;
            this.to = to;
            this.limit = limit;
        }

        TimeWindowSearch.Found run(TimeWindowSearch search) {
            return search.best(reader, terms, weights, alsoInWindow, from, centre, to, limit);
        }
    }

    /** The helper thread's own search: only its tasks use it (the caller claims with a search of its own). */
    private final TimeWindowSearch search;
    /** The searches expected and not yet taken, by their event (identity): the caller's thread only. */
    private final Map<ArticleEvent, Search> expected = new IdentityHashMap<>();
    /** The same searches in the order they were expected (taken ones too, until the next {@link #expect}). */
    private final List<Search> order = new ArrayList<>();
    private ExecutorService helper;

    LookAhead(TimeWindowSearch search) {
        this.search = search;
    }

    /** Starts the searches of articles about to be indexed, in that order; those expected before and not taken are dropped. */
    void expect(List<Search> searches) {
        quiesce();
        if (searches.isEmpty()) {
            return;
        }
        for (Search s : searches) {
            expected.put(s.event, s);
            order.add(s);
        }
        if (helper == null) {
            helper = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "corpus-look-ahead");
                thread.setDaemon(true);
                return thread;
            });
        }
        List<Search> ordered = List.copyOf(searches);
        helper.execute(() -> ordered.forEach(s -> claimAndRun(s, search)));
    }

    /** The search expected for {@code event}, taken out of the expected ones; null when none was. */
    Search take(ArticleEvent event) {
        return expected.remove(event);
    }

    /**
     * What {@code s} found: the helper's result, awaited, or the caller's own search with {@code own} when the
     * helper had not claimed it yet. Null when the helper's search failed or was dropped.
     */
    TimeWindowSearch.Found resultOf(Search s, TimeWindowSearch own) {
        if (claimAndRun(s, own)) {
            return s.found;
        }
        await(s);
        return s.found;
    }

    /**
     * Drops the searches not claimed and waits for the claimed ones, so that the reader may change after it.
     *
     * @return the searches expected and not taken, in their order: to be expected again on the next reader
     */
    List<Search> quiesce() {
        if (order.isEmpty()) {
            return List.of();
        }
        List<Search> notTaken = new ArrayList<>(expected.size());
        for (Search s : order) {
            if (s.state.compareAndSet(FREE, DROPPED)) {
                s.done.countDown(); // found stays null: whoever takes it searches itself
            } else {
                await(s);
            }
            if (expected.containsKey(s.event)) {
                notTaken.add(s);
            }
        }
        expected.clear();
        order.clear();
        return notTaken;
    }

    /** Forgets what the helper's search kept of segments the reader no longer has; after {@link #quiesce}. */
    void refreshed(DirectoryReader reader) {
        search.refreshed(reader);
    }

    @Override
    public void close() {
        quiesce();
        if (helper != null) {
            helper.shutdown();
            helper = null;
        }
    }

    /** Runs {@code s} with {@code with} if this thread claims it first; whether it did. */
    private static boolean claimAndRun(Search s, TimeWindowSearch with) {
        if (!s.state.compareAndSet(FREE, CLAIMED)) {
            return false;
        }
        try {
            s.found = s.run(with);
        } catch (RuntimeException e) {
            LOG.debugf(e, "look-ahead search of %s failed; it is searched again", s.event.articleId());
            s.found = null;
        } finally {
            s.state.set(DONE);
            s.done.countDown();
        }
        return true;
    }

    private static void await(Search s) {
        boolean interrupted = false;
        while (s.done.getCount() > 0) {
            try {
                s.done.await();
            } catch (InterruptedException e) {
                interrupted = true; // the search reads the reader: it must end before the caller goes on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
