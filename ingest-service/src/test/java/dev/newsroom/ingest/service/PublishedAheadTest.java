package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * How far ahead of ingest's clock an article may be dated ({@link ArticleLimits#maxPublishedAhead}): an article
 * dated ahead keeps its full recency until its date, so one dated 2099 would top heat and trending for decades.
 * The clock here is fixed; the seed's publishedDateTime is on line 5.
 */
class PublishedAheadTest {

    private static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");
    private static final ArticleIntake INTAKE = intake(ArticleLimits.DEFAULT.maxPublishedAhead());

    @Test
    void shouldAcceptAnArticleDatedWithinADayOfTheClock() {
        for (Instant published : new Instant[] {NOW.minus(Duration.ofDays(3650)), NOW, NOW.plus(Duration.ofHours(14)),
                NOW.plus(Duration.ofDays(1))}) {
            assertThat(INTAKE.examine("ok.md", dated(published)).article().publishedDateTime()).isEqualTo(published);
        }
    }

    @Test
    void shouldRefuseAnArticleDatedMoreThanADayAheadNamingTheFieldAndLine() {
        Instant published = NOW.plus(Duration.ofDays(1)).plusSeconds(1);

        ArticleRejectedException e = catchThrowableOfType(ArticleRejectedException.class,
                () -> INTAKE.examine("ahead.md", dated(published)));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.problems()).hasSize(1);
        FieldProblem problem = e.problems().get(0);
        assertThat(problem.file()).isEqualTo("ahead.md");
        assertThat(problem.field()).isEqualTo("publishedDateTime");
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).isEqualTo("is 2026-12-09T04:00:01Z, more than 1 day after ingest's clock"
                + " (2026-12-08T04:00:00Z; max-published-ahead): an article dated ahead would top heat and trending"
                + " until its date");
    }

    @Test
    void shouldCountTheMarginFromTheConfiguredBound() {
        ArticleIntake intake = intake(Duration.ofHours(2));

        assertThat(intake.examine("ok.md", dated(NOW.plus(Duration.ofHours(2)))).id()).isNotBlank();
        ArticleRejectedException e = catchThrowableOfType(ArticleRejectedException.class,
                () -> intake.examine("ahead.md", dated(NOW.plus(Duration.ofHours(3)))));
        assertThat(e.problems().get(0).message()).contains("more than 2 hours after ingest's clock");
    }

    @Test
    void shouldTakeAnyDateWithTheLongestBound() {
        Duration longest = Duration.ofSeconds(Long.MAX_VALUE); // past Instant.MAX from any clock
        ArticleIntake intake = intake(longest);

        Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
        assertThat(intake.examine("last.md", dated(last)).article().publishedDateTime()).isEqualTo(last);
        assertThat(ArticleValidator.describe(longest)).isEqualTo(longest.toString());
    }

    @Test
    void shouldDescribeTheBoundAsAReaderWouldWriteIt() {
        assertThat(ArticleValidator.describe(Duration.ofHours(24))).isEqualTo("1 day");
        assertThat(ArticleValidator.describe(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(ArticleValidator.describe(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(ArticleValidator.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(ArticleValidator.describe(Duration.ZERO)).isEqualTo("PT0S");
        assertThat(ArticleValidator.describe(Duration.ofSeconds(90))).isEqualTo("PT1M30S");
    }

    /** The default limits but for {@code maxPublishedAhead}, on the fixed clock. */
    private static ArticleIntake intake(Duration maxPublishedAhead) {
        ArticleLimits d = ArticleLimits.DEFAULT;
        ArticleLimits limits = new ArticleLimits(d.maxTopics(), d.maxTopicChars(), d.maxImages(), d.maxRelated(),
                d.maxTitleChars(), d.maxExcerptChars(), d.maxUrlChars(), d.maxNameChars(), maxPublishedAhead);
        return new ArticleIntake(SeedFormatLimits.DEFAULT, limits, 1_048_576, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static byte[] dated(Instant published) {
        return Uploads.utf8(Uploads.seedWithLine(5, "publishedDateTime: " + published));
    }
}
