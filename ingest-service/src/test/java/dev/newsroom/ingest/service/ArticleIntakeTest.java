package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArticleIntakeTest {

    private static final ArticleIntake INTAKE = new ArticleIntake(new SeedFormatLimits(262_144, 10, 20), 1_048_576);

    static List<Path> samples() {
        return Samples.allArticles();
    }

    /** Acceptance: every real file is an article; what is hashed (and published) is the repaired article. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldAcceptEverySample(Path file) {
        IdentifiedArticle article = INTAKE.examine(file.getFileName().toString(), Samples.bytes(file));

        assertThat(article.id()).isEqualTo(ArticleId.of(article.article()).orElseThrow());
        assertThat(article.contentHash()).isEqualTo(SeedFormat.contentHash(article.article()));
        assertThat(article.article()).isEqualTo(TextRepair.repair(article.article()));
        String text = Samples.text(file);
        if (article.article().secured() != null) {
            assertThat(text).contains("secured: \"" + article.article().secured() + "\"");
        }
    }
}
