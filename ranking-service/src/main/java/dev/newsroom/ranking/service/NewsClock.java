package dev.newsroom.ranking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time recency is measured at: the publication time of the newest article seen, advanced by the
 * wall-clock time since that article was ingested, and never ahead of the wall clock. For a live feed
 * that is the wall clock less a few minutes of ingest delay. For an archive replayed into
 * Newsroom (the bundled 2020 samples, say) it starts at the archive's newest article, so an archive's
 * articles get the heat they had when they were news, and then cool in real time.
 */
public final class NewsClock {

    private final Clock wall;
    private Instant newestPublished;
    private Instant newestIngestedAt;

    public NewsClock(Clock wall) {
        this.wall = wall;
    }

    /** Learns of an article: published at {@code published}, ingested at {@code ingestedAt}. */
    public synchronized void observe(Instant published, Instant ingestedAt) {
        if (published != null && (newestPublished == null || published.isAfter(newestPublished))) {
            newestPublished = published;
            newestIngestedAt = ingestedAt == null ? wall.instant() : ingestedAt;
        }
    }

    /** The publication time of the newest article seen, or null (kept with the index's commits). */
    public synchronized Instant newestPublished() {
        return newestPublished;
    }

    /** When that article was ingested. */
    public synchronized Instant newestIngestedAt() {
        return newestIngestedAt;
    }

    public Instant now() {
        return at(wall.instant());
    }

    /** The news clock's reading when the wall clock reads {@code wallNow}. */
    public synchronized Instant at(Instant wallNow) {
        if (newestPublished == null) {
            return wallNow;
        }
        Instant news = newestPublished.plus(Duration.between(newestIngestedAt, wallNow));
        return news.isAfter(wallNow) ? wallNow : news;
    }

    public Instant wallNow() {
        return wall.instant();
    }
}
