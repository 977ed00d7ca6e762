package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    /** A related entry naming the article itself (its own URL, in any spelling of it) is dropped; the others stay in order. */
    @Test
    void shouldDropRelatedEntriesThatNameTheArticleItself() {
        String seed = Uploads.seed();
        String self = "  - title: \"Itself\"\n    publishedDateTime: 2020-01-12T22:17:00Z\n"
                + "    webUrl: \"https://WWW.NYTIMES.COM/2020/01/12/technology/facial-recognition-police.html?utm_source=x\"\n";
        String file = seed.replace("related:\n", "related:\n" + self);
        assertThat(file).isNotEqualTo(seed);

        IdentifiedArticle withSelf = INTAKE.examine("self.md", Uploads.utf8(file));
        IdentifiedArticle plain = INTAKE.examine("seed.md", Uploads.utf8(seed));

        assertThat(withSelf.id()).isEqualTo(plain.id());
        assertThat(withSelf.article().related()).extracting(r -> r.title())
                .containsExactlyElementsOf(plain.article().related().stream().map(r -> r.title()).toList())
                .doesNotContain("Itself");
        assertThat(withSelf.contentHash()).isEqualTo(plain.contentHash()); // the same article as the seed
        assertThat(ArticleIntake.withoutRepeats(plain.article(), plain.id())).isSameAs(plain.article());
    }

    /**
     * A related entry naming the article an earlier one names, a topic repeating an earlier one in another case or
     * with spaces, and a topic repair left empty are dropped; the first of each stays, as written, in order.
     */
    @Test
    void shouldKeepEachRelatedArticleAndEachTopicOnce() {
        String seed = Uploads.seed();
        String again = "  - title: \"The same article again\"\n    publishedDateTime: 2020-01-12T22:17:00Z\n"
                + "    webUrl: \"https://thenextweb.com/artificial-intelligence/2020/01/13/the-benefits-of-facial-recognition-ai-are-being-wildly-overstated/?utm_medium=x\"\n";
        String file = seed.replace("  - AI\n  - Computer Vision\n",
                        "  - AI\n  - \"   \"\n  - ai\n  - \" Computer  Vision \"\n  - \"\\x00\"\n  - Computer Vision\n  - Policing\n")
                + "";
        int firstRelatedEnd = file.indexOf("  - title", file.indexOf("related:\n") + "related:\n".length() + 1);
        file = file.substring(0, firstRelatedEnd) + again + file.substring(firstRelatedEnd);

        IdentifiedArticle examined = INTAKE.examine("repeats.md", Uploads.utf8(file));
        IdentifiedArticle plain = INTAKE.examine("seed.md", Uploads.utf8(seed));

        assertThat(examined.article().topics()).containsExactly("AI", "Computer Vision", "Policing");
        assertThat(examined.article().related()).extracting(r -> r.title())
                .containsExactlyElementsOf(plain.article().related().stream().map(r -> r.title()).toList())
                .doesNotContain("The same article again");
    }

    /** NUL and other characters PostgreSQL or XML cannot hold are dropped everywhere, and the hash is of what remains. */
    @Test
    void shouldDropUnstorableCharactersFromTheBodyAndEveryFieldAndHashWhatRemains() {
        String file = Uploads.seed()
                .replace("category: news", "category: \"ne\\x00ws\"")
                .replace("  - AI\n", "  - \"A\\x0BI\\uFFFF\"\n")
                .replace("    webUrl: \"https://thenextweb.com/", "    webUrl: \"https://thenextweb.com/\\x00")
                .replace("    width: 1050\n", "    width: 1050\n    photographer: \"Jane\\x1F Doe\"\n")
                .replace("secured: \"", "secured: \"\\x00")
                + "Body with a NUL \u0000 and a form feed \f.\n";
        IdentifiedArticle clean = INTAKE.examine("nul.md", Uploads.utf8(file));

        String written = SeedFormat.write(clean.article());
        assertThat(clean.article().body()).isEqualTo("\nBody with a NUL  and a form feed .\n");
        assertThat(clean.article().category()).isEqualTo("news");
        assertThat(clean.article().topics()).containsExactly("AI", "Computer Vision");
        assertThat(clean.article().related().get(0).webUrl()).startsWith("https://thenextweb.com/artificial");
        assertThat(clean.article().images().get(0).extra()).containsEntry("photographer", "Jane Doe");
        assertThat(clean.article().secured()).startsWith("jkY4XQGr");
        assertThat(written).doesNotContain("\u0000", "\\u0000", "\\x00", "\\u000B", "\\u001F");
        assertThat(clean.contentHash()).isEqualTo(SeedFormat.contentHash(clean.article()));
        // exported back to the seed format and submitted again, it is the same content
        assertThat(INTAKE.examine("again.md", Uploads.utf8(written)).contentHash())
                .isEqualTo(clean.contentHash());
    }
}
