package dev.newsroom.model.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Samples;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Date-times are read as instants in the years 0001 to 9999 (UTC): the store and the feeds hold those, so a date
 * beyond them is a problem of its field and line, not an article that fails after it was accepted.
 */
class SeedFormatDatesTest {

    private static final String SEED_DATE = "publishedDateTime: 2020-01-12T22:17:00Z";
    private static final String RELATED_DATE = "    publishedDateTime: 2020-01-13T20:42:00Z";

    private final SeedFormat format = new SeedFormat();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0001-01-01T00:00:00Z,            0001-01-01T00:00:00Z",
            "0001-01-01T01:00:00+01:00,       0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z,            9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999999999Z,  9999-12-31T23:59:59.999999999Z",
            "9999-12-31T18:59:59-05:00,       9999-12-31T23:59:59Z"})
    void shouldReadADateInTheYearsOneTo9999(String written, String instant) {
        ParsedArticle parsed = format.read("edge.md", seedWith(SEED_DATE, "publishedDateTime: " + written));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.article().publishedDateTime()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "0000-12-31T23:59:59Z",
            "0001-01-01T00:30:00+01:00",
            "-0001-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "9999-12-31T23:00:00-05:00",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z"})
    void shouldRefuseADateOutsideTheYearsOneTo9999NamingItsFieldAndLine(String written) {
        ParsedArticle parsed = format.read("out-of-range.md", seedWith(SEED_DATE, "publishedDateTime: " + written));

        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("out-of-range.md");
            assertThat(problem.field()).isEqualTo("publishedDateTime");
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).contains("years 0001 to 9999", "'" + written + "'");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"+10000-01-01T00:00:00Z", "0000-06-01T00:00:00Z"})
    void shouldRefuseARelatedEntryDatedOutsideTheYearsOneTo9999(String written) {
        ParsedArticle parsed = format.read("related.md", seedWith(RELATED_DATE, "    publishedDateTime: " + written));

        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("related[0].publishedDateTime");
            assertThat(problem.line()).isEqualTo(35);
            assertThat(problem.message()).contains("years 0001 to 9999");
        });
    }

    private static String seedWith(String line, String replacement) {
        String seed = Samples.text(Samples.seed());
        assertThat(seed).contains(line);
        return seed.replaceFirst(Pattern.quote(line), Matcher.quoteReplacement(replacement));
    }
}
