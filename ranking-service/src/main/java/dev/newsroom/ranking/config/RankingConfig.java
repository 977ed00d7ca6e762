package dev.newsroom.ranking.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

/**
 * Every setting of ranking-service. The defaults live in application.properties only (one source of truth,
 * also loaded by the pure tests and the benchmark through {@code RankingSettings}); the README documents
 * each key.
 */
@ConfigMapping(prefix = "newsroom.ranking")
public interface RankingConfig {

    Heat heat();

    Index index();

    Related related();

    Story story();

    /** The constants of the heat formula (see {@code HeatCalculator}). */
    interface Heat {
        /** Quality assumed for an article whose file has none. */
        double defaultQuality();

        /** Weight of coverage: base grows by this factor times ln(distinct providers). */
        double coverageWeight();

        /** Recency halves every half-life. */
        Duration halfLife();

        /** Weight of a provider not listed in {@link #providerWeights()}. */
        double defaultProviderWeight();

        /** Per-domain weights, e.g. {@code newsroom.ranking.heat.provider-weights."nytimes.com"=1.2}. */
        Map<String, Double> providerWeights();
    }

    /** The corpus index (see {@code CorpusIndex}). */
    interface Index {
        /**
         * The directory of this instance's Lucene index (created when missing). Each instance needs its own:
         * a second process opening a directory in use is refused at start. Relative to the working directory.
         */
        String path();

        /**
         * How often the corpus feed commits the index (with the topic offsets it covers) while records arrive;
         * it also commits once it has caught up at start, and on shutdown.
         */
        Duration commitInterval();

        /**
         * How far back in publication time the index keeps articles, counted back from the news clock's
         * now ({@code NewsClock}); older articles are evicted, and one arriving older is ranked on its own.
         * Independent of which articles are related: that is {@link #neighbourhood()}.
         */
        Duration retention();

        /**
         * An article's candidates for related links and for its story are the articles published within
         * this distance of its own publication time, before or after it (story edges also need
         * {@code story.max-gap}). Which article is the newest plays no part.
         */
        Duration neighbourhood();

        /** How many of an article's terms (its most weighty) look up candidates in the inverted index. */
        int queryTerms();

        /** Candidates (best by the dot product over the query terms) that are scored in full. */
        int candidates();

        /**
         * At most about this many postings of one query term are read per look-up: when a term is more common
         * around the article's time, those nearest its publication time. Keeps the work per article constant
         * however many articles share a common word.
         */
        int postingsPerTerm();

        /** Characters of the body that are analysed (the title and excerpt always are). */
        int maxBodyChars();

        /** Weight of a title term relative to an excerpt term. */
        double titleBoost();

        /** Weight of a body term relative to an excerpt term. */
        double bodyBoost();

        /** Weight of a topic's terms relative to an excerpt term. */
        double topicBoost();

        /**
         * When the corpus feed has a second thread search the index for the next articles of a poll while it
         * indexes the ones before them ({@code LookAhead}): the same links and stories, found with two cores.
         */
        LookAheadMode lookAhead();
    }

    /** When the corpus feed searches ahead on a second thread ({@link Index#lookAhead()}). */
    enum LookAheadMode {
        /** never: one thread indexes */
        NEVER,
        /**
         * while it catches up at start (a rebuild, or the tail past the index's last commit), before the service is
         * ready: then, once it is ready, on one thread, leaving the other cores to the rest of the pipeline
         */
        CATCH_UP,
        /** always */
        ALWAYS
    }

    /** Computed related links (see {@code RelatedScorer}). */
    interface Related {
        /** Computed related links per article (editorial links from the file come on top). */
        int k();

        /** A candidate scoring below this is not related, even when slots are free. */
        double minScore();

        /** Weight of the text similarity (cosine over title, excerpt, topics and body terms). */
        double textWeight();

        /** Weight of the topics in common (Jaccard over the files' topics). */
        double topicsWeight();

        /** Weight of closeness in publication time. */
        double timeWeight();

        /** Closeness in time halves with every this much between the two publications. */
        Duration timeHalfLife();

        /** Factor applied to a candidate from the article's own provider (other providers are preferred). */
        double sameProviderFactor();

        /** At most this many backlinks (existing articles whose lists it joined) in an article's record, best first. */
        int fanOut();
    }

    /** Story clusters (see {@code CorpusIndex}). */
    interface Story {
        /** Two articles are about the same event when their text similarity reaches this... */
        double minSimilarity();

        /** ...and they were published at most this far apart... */
        Duration maxGap();

        /**
         * ...and they share a distinctive term: one whose idf is at least this (a name, mostly). Without it,
         * articles of one genre (market reports, daily case counts) chain into one "story".
         */
        double minDistinctiveIdf();

        /** ...used by at most this many indexed articles published within max-gap of the article. */
        int maxTermArticles();

        /**
         * Two articles within max-gap whose text similarity reaches this are one event without a distinctive term:
         * copies of one report (a wire story run by hundreds of sites) use its names far more often than
         * {@link #maxTermArticles()} allows, and would otherwise fall apart into stories of one.
         */
        double nearDuplicateSimilarity();
    }
}
