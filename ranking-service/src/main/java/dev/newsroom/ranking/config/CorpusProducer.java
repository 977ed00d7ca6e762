package dev.newsroom.ranking.config;

import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Makes the pure ranking core a bean: one {@link Corpus} per instance, on the wall clock, its index in
 * {@code newsroom.ranking.index.path}. A directory another instance uses fails the start, naming the key.
 */
public class CorpusProducer {

    @Produces
    @Singleton
    Corpus corpus(RankingConfig config) {
        return Corpus.open(Path.of(config.index().path()), config, new TextAnalysis(), TermRarity.reference(),
                new NewsClock(Clock.systemUTC()));
    }

    void close(@Disposes Corpus corpus) {
        corpus.close();
    }
}
