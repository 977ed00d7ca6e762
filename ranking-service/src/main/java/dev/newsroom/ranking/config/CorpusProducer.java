package dev.newsroom.ranking.config;

import dev.newsroom.ranking.service.Corpus;
import dev.newsroom.ranking.service.NewsClock;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the pure ranking core a bean: one {@link Corpus} per instance, on the wall clock. */
public class CorpusProducer {

    @Produces
    @Singleton
    Corpus corpus(RankingConfig config) {
        return new Corpus(config, new TextAnalysis(), TermRarity.reference(), new NewsClock(Clock.systemUTC()));
    }
}
