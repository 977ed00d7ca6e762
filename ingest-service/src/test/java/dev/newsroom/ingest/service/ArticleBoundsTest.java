package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bound of {@link ArticleLimits} and every URL field's scheme, on the seed with one change: 422
 * naming the field and its line. (The seed's line numbers: see samples/seed.)
 */
class ArticleBoundsTest {

    private static final ArticleIntake INTAKE = new ArticleIntake(new SeedFormatLimits(262_144, 10, 20),
            ArticleLimits.DEFAULT, 1_048_576);

    static Stream<Arguments> overTheBounds() {
        return Stream.of(
                Arguments.of("101 topics", topics(101, "t"), "topics", 23, "has 101 topics; at most 100"),
                Arguments.of("a topic of 201 characters", topics(2, "x".repeat(201)), "topics[0]", 23,
                        "201 characters long; at most 200"),
                Arguments.of("a title of 2,001 characters", Uploads.seedWithLine(3, "title: " + "t".repeat(2001)), "title", 3,
                        "2001 characters long; at most 2000"),
                Arguments.of("an excerpt of 20,001 characters", Uploads.seedWithLine(4, "excerpt: " + "e".repeat(20_001)),
                        "excerpt", 4, "at most 20000"),
                Arguments.of("a webUrl of 4,097 characters", Uploads.seedWithLine(6, "webUrl: https://e.com/" + "u".repeat(4090)),
                        "webUrl", 6, "at most 4096"),
                Arguments.of("a category of 201 characters", Uploads.seedWithLine(2, "category: " + "c".repeat(201)),
                        "category", 2, "at most 200"),
                Arguments.of("a type of 201 characters", Uploads.seedWithLine(9, "type: " + "c".repeat(201)), "type", 9, "at most 200"),
                Arguments.of("a provider name of 201 characters", Uploads.seedWithLine(15, "  name: " + "n".repeat(201)),
                        "provider.name", 15, "at most 200"),
                Arguments.of("a provider domain of 201 characters", Uploads.seedWithLine(16, "  domain: " + "d".repeat(201)),
                        "provider.domain", 16, "at most 200"),
                Arguments.of("an image URL of 4,097 characters", Uploads.seedWithLine(27, "  - url: https://e.com/" + "i".repeat(4090)),
                        "images[0].url", 27, "at most 4096"),
                Arguments.of("101 images", images(101), "images", 27, "has 101 images; at most 100"),
                Arguments.of("101 related entries", related(101, "t"), "related", 33, "has 101 related entries; at most 100"),
                Arguments.of("a related title of 2,001 characters", related(4, "r".repeat(2001)), "related[3].title",
                        33 + 3 * 2, "at most 2000"),
                Arguments.of("33,000 topics", topics(33_000, "t"), "topics", 23, "has 33000 topics; at most 100"),
                Arguments.of("dated in 2099", Uploads.seedWithLine(5, "publishedDateTime: 2099-01-01T00:00:00Z"),
                        "publishedDateTime", 5, "is 2099-01-01T00:00:00Z, more than 1 day after ingest's clock"),
                Arguments.of("javascript: in a related entry", related(2, "r").replace("webUrl: https://e.com/r1",
                        "webUrl: \"javascript:alert(1)\""), "related[1].webUrl", 36, "'javascript:' is not allowed"),
                Arguments.of("javascript: in an image", Uploads.seedWithLine(27, "  - url: \"javascript:alert(1)\""),
                        "images[0].url", 27, "'javascript:' is not allowed"),
                Arguments.of("javascript: as an AMP URL of a related entry", related(1, "r").replace("webUrl: https://e.com/r0",
                        "webUrl: https://e.com/r0\n    ampWebUrl: \"JAVASCRIPT:alert(1)\""), "related[0].ampWebUrl", 35,
                        "'javascript:' is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overTheBounds")
    void shouldRejectAnArticleOverABoundNamingTheFieldAndLine(String name, String file, String field, int line, String message) {
        ArticleRejectedException e = catchThrowableOfType(ArticleRejectedException.class,
                () -> INTAKE.examine("big.md", Uploads.utf8(file)));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.status()).isEqualTo(422);
        FieldProblem problem = e.problems().stream().filter(p -> field.equals(p.field())).findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + field + " in " + e.problems()));
        assertThat(problem.file()).isEqualTo("big.md");
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.message()).contains(message);
        assertThat(e.problems()).as("one problem per list, not one per item").hasSizeLessThan(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withinTheBounds")
    void shouldAcceptAnArticleAtEveryBound(String name, String file) {
        assertThat(INTAKE.examine("ok.md", Uploads.utf8(file)).article().title()).isNotBlank();
    }

    static Stream<Arguments> withinTheBounds() {
        return Stream.of(
                Arguments.of("100 topics of 200 characters", topics(100, "x".repeat(200))),
                Arguments.of("100 images", images(100)),
                Arguments.of("100 related entries", related(100, "t")),
                Arguments.of("a title of 2,000 characters", Uploads.seedWithLine(3, "title: " + "t".repeat(2000))));
    }

    private static String topics(int count, String topic) {
        StringBuilder list = new StringBuilder("topics:");
        for (int i = 0; i < count; i++) {
            list.append("\n  - ").append(topic);
        }
        return Uploads.seed().replace("topics:\n  - AI\n  - Computer Vision", list);
    }

    private static String images(int count) {
        String seed = Uploads.seed();
        int start = seed.indexOf("images:\n  - url:");
        int end = seed.indexOf("related:");
        StringBuilder list = new StringBuilder("images:\n");
        for (int i = 0; i < count; i++) {
            list.append("  - url: https://e.com/i").append(i).append(".jpg\n    width: 10\n    height: 10\n");
        }
        return seed.substring(0, start) + list + seed.substring(end);
    }

    /** The seed with {@code count} related entries of two lines each (title, webUrl), the last with {@code lastTitle}. */
    private static String related(int count, String lastTitle) {
        String seed = Uploads.seed();
        int start = seed.indexOf("related:");
        int end = seed.indexOf("secured:");
        StringBuilder list = new StringBuilder("related:\n");
        for (int i = 0; i < count; i++) {
            list.append("  - title: ").append(i == count - 1 ? lastTitle : "t" + i).append("\n    webUrl: https://e.com/r")
                    .append(i).append('\n');
        }
        return seed.substring(0, start) + list + seed.substring(end);
    }
}
