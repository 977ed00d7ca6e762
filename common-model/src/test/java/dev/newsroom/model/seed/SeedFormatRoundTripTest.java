package dev.newsroom.model.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SeedFormatRoundTripTest {

    private final SeedFormat format = new SeedFormat();

    static Stream<Path> everySample() {
        return Samples.allArticles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void shouldReadEverySampleWithoutProblems(Path file) {
        ParsedArticle parsed = format.read(file.getFileName().toString(), Samples.bytes(file));

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.article().title()).isNotBlank();
        assertThat(parsed.article().publishedDateTime()).isNotNull();
        assertThat(parsed.article().primaryUrl()).startsWith("http");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void shouldKeepEveryFieldThroughReadWriteRead(Path file) {
        Article first = format.read("original", Samples.bytes(file)).article();

        String written = SeedFormat.write(first);
        ParsedArticle again = format.read("written", written);

        assertThat(again.problems()).isEmpty();
        assertThat(again.article()).isEqualTo(first);
        assertThat(SeedFormat.write(again.article())).isEqualTo(written);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void shouldWriteFilesOfTheFormatsOwnLayoutByteForByte(Path file) {
        String original = SeedFormatReader.normalizeLineBreaks(Samples.text(file));

        assertThat(SeedFormat.write(format.read("original", original).article())).isEqualTo(original);
    }

    /**
     * What ingest hashes is read from YAML; what a reader exports was read back from JSON (the topics carry JSON).
     * Unknown values of every YAML kind are the same after that trip, so an exported article is "unchanged" when
     * it is ingested again.
     */
    @Test
    void shouldKeepUnknownValuesOfEveryKindThroughJsonAndTheSeedFormatWithTheSameContentHash() {
        String extra = """
                notANumber: .nan
                infinite: .inf
                negativeInfinite: -.Inf
                overflowing: 1e400
                negativeZero: -0.0
                huge: 123456789012345678901234567890
                tiny: 3.5e-300
                hex: 0x1F
                sexagesimal: 1:20
                yes: yes
                nothing: ~
                date: 2020-01-01
                timestamp: 2020-01-01T10:00:00Z
                nested: {a: [1, .nan, {b: [true, null, -.inf]}], "": empty key}
                """;
        String file = Samples.text(Samples.seed()).replace("published: true\n", "published: true\n" + extra);
        ParsedArticle ingested = format.read("extra.md", file);
        assertThat(ingested.problems()).isEmpty();
        assertThat(ingested.article().extra()).containsKeys("notANumber", "nested", "timestamp");

        Article stored = Json.read(Json.write(ingested.article()), Article.class);
        ParsedArticle exported = format.read("exported.md", SeedFormat.write(stored));

        assertThat(exported.problems()).isEmpty();
        assertThat(SeedFormat.contentHash(stored)).isEqualTo(SeedFormat.contentHash(ingested.article()));
        assertThat(SeedFormat.contentHash(exported.article())).isEqualTo(SeedFormat.contentHash(ingested.article()));
    }

    @Test
    void shouldReadEveryFieldOfTheSeed() {
        Article seed = format.read("seed", Samples.bytes(Samples.seed())).article();

        assertThat(seed.category()).isEqualTo("news");
        assertThat(seed.title()).isEqualTo("How the Police Use Facial Recognition, and Where It Falls Short");
        assertThat(seed.publishedDateTime()).hasToString("2020-01-12T22:17:00Z");
        assertThat(seed.webUrl()).isEqualTo("https://www.nytimes.com/2020/01/12/technology/facial-recognition-police.html");
        assertThat(seed.ampWebUrl()).endsWith("facial-recognition-police.amp.html");
        assertThat(seed.cdnAmpWebUrl()).startsWith("https://www-nytimes-com.cdn.ampproject.org/c/s/");
        assertThat(seed.type()).isEqualTo("article");
        assertThat(seed.quality()).isEqualTo(89);
        assertThat(seed.heat()).isEqualTo(109);
        assertThat(seed.published()).isTrue();
        assertThat(seed.provider().name()).isEqualTo("New York Times");
        assertThat(seed.provider().domain()).isEqualTo("nytimes.com");
        assertThat(seed.provider().images()).singleElement()
                .satisfies(logo -> {
                    assertThat(logo.url()).isEqualTo("/assets/images/organizations/nytimes.com-50x50.jpg");
                    assertThat(logo.width()).isEqualTo(50);
                });
        assertThat(seed.topics()).containsExactly("AI", "Computer Vision");
        assertThat(seed.images()).singleElement().satisfies(image -> {
            assertThat(image.width()).isEqualTo(1050);
            assertThat(image.height()).isEqualTo(550);
            assertThat(image.title()).isEqualTo(seed.title());
        });
        assertThat(seed.related()).hasSize(2);
        assertThat(seed.related().get(0).provider().domain()).isEqualTo("thenextweb.com");
        assertThat(seed.related().get(0).quality()).isEqualTo(84);
        assertThat(seed.related().get(1).excerpt()).contains("countryâ€™s");
        assertThat(seed.related().get(1).cdnAmpWebUrl()).contains("cdn.ampproject.org");
        assertThat(seed.secured()).startsWith("jkY4XQGr/nBE7otb").endsWith(";+PTo+9ajDMXpsCzptvoyUw==");
        assertThat(seed.extra()).isEmpty();
        assertThat(seed.body()).isEqualTo("\n");
    }

    @Test
    void shouldKeepVideoFieldsOfTheFormatsOwnFiles() {
        Article video = format.read("video", Samples.bytes(Samples.corpus("smartable-md")
                .resolve("2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md"))).article();

        assertThat(video.webUrl()).isNull();
        assertThat(video.originalUrl()).isEqualTo("https://youtube.com/watch?v=WJk-Y8LQlfE");
        assertThat(video.primaryUrl()).isEqualTo(video.originalUrl());
        assertThat(video.type()).isEqualTo("video");
        assertThat(video.featuredContent()).startsWith("<iframe width=\"800\"");
        assertThat(video.images().get(0).isCached()).isTrue();
    }

    @Test
    void shouldKeepUnknownKeysAndTheBodyInOrder() {
        String text = """
                ---
                title: "Unknown keys"
                publishedDateTime: 2021-02-25T10:00:00+02:00
                webUrl: "https://example.com/a"
                sourceUrl: "https://example.com/source"
                highlight:
                  score: 0.75
                  terms: [vaccine, "covid: 19"]
                  nested:
                    - a: 1
                      b: [x, y]
                    - []
                locale: en-us
                updatedDateTime: 2021-02-25T12:00:00Z
                count: 12345678901
                empty:
                provider:
                  name: Example
                  domain: example.com
                  publishers: [one]
                images:
                  - url: "https://example.com/i.jpg"
                    width: 10
                    height: 20
                    attribution: "Photo: someone"
                ---
                # A body

                With *Markdown*.
                """;

        Article article = format.read("unknown", text).article();

        assertThat(article.publishedDateTime()).hasToString("2021-02-25T08:00:00Z");
        assertThat(article.extra()).containsKeys("sourceUrl", "highlight", "locale", "updatedDateTime", "count", "empty");
        assertThat(article.extra().keySet()).containsExactly("sourceUrl", "highlight", "locale", "updatedDateTime",
                "count", "empty");
        assertThat(article.extra().get("count")).isEqualTo(12345678901L);
        assertThat(article.extra().get("updatedDateTime")).isEqualTo("2021-02-25T12:00:00Z");
        assertThat(article.provider().extra()).containsEntry("publishers", List.of("one"));
        assertThat(article.images().get(0).extra()).containsEntry("attribution", "Photo: someone");
        assertThat(article.body()).isEqualTo("# A body\n\nWith *Markdown*.\n");

        Article again = format.read("again", SeedFormat.write(article)).article();
        assertThat(again).isEqualTo(article);
    }

    @Test
    void shouldEscapeWhatYamlCannotCarryPlainly() {
        Article tricky = Article.builder()
                .category("news: breaking")
                .title("Quotes \" and \\ backslashes, tabs\tand\nnewlines, \u2028 separators, \u0085 NEL, \u0007 bell")
                .excerpt("Emoji 😀 and accents é, ü and 中文")
                .webUrl("https://example.com/x")
                .type("true")
                .topics(List.of("- dash", "#hash", "yes", "123", "a: b", " padded "))
                .build();

        assertThat(format.read("tricky", SeedFormat.write(tricky)).article()).isEqualTo(tricky);
    }
}
