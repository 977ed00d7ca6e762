package dev.newsroom.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatComponent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.seed.SeedFormat;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Path> everySample() {
        return Samples.allArticles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void shouldCarryEveryArticleThroughJsonUnchanged(Path file) {
        Article article = new SeedFormat().read("f", Samples.bytes(file)).article();
        ArticleEvent event = ArticleEvent.ingested("4e232ba6522a9cca", 3, "https://x/", "hash",
                Instant.parse("2026-11-29T10:00:00Z"), file.getFileName().toString(), article);

        ArticleEvent back = Json.readEvent(Json.write(event));

        assertThat(back).isEqualTo(event);
        assertThat(SeedFormat.contentHash(back.article())).isEqualTo(SeedFormat.contentHash(article));
        // as bytes (what the producers send and the index stores): the string's UTF-8, read back the same
        byte[] bytes = Json.writeBytes(event);
        assertThat(bytes).isEqualTo(Json.write(event).getBytes(StandardCharsets.UTF_8));
        assertThat(Json.readEvent(bytes, 0, bytes.length)).isEqualTo(event);
    }

    /** A value read from bytes is read from its range only (a stored field's bytes are a slice of a larger array). */
    @Test
    void shouldReadAnEventFromARangeOfBytesAndRefuseANewerSchemaOrBytesNotUtf8There() {
        byte[] event = "{\"schemaVersion\":2,\"articleId\":\"a\",\"version\":1,\"article\":{\"title\":\"Caf\u00e9 \u2014 \u201cquoted\u201d\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[event.length + 10];
        Arrays.fill(padded, (byte) '}');
        System.arraycopy(event, 0, padded, 4, event.length);

        ArticleEvent read = Json.readEvent(padded, 4, event.length);

        assertThat(read.articleId()).isEqualTo("a");
        assertThat(read.article().title()).isEqualTo("Caf\u00e9 \u2014 \u201cquoted\u201d");
        byte[] newer = "{\"schemaVersion\":3,\"articleId\":\"a\",\"version\":1,\"article\":{\"title\":\"t\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Json.readEvent(newer, 0, newer.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported schema version 3");
        assertThatThrownBy(() -> Json.readEvent("null".getBytes(StandardCharsets.UTF_8), 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the value is null");
        byte[] notUtf8 = BrokenUtf8.inTitle(event); // read as text it would have become U+FFFD and been taken
        assertThatThrownBy(() -> Json.readEvent(notUtf8, 0, notUtf8.length))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void shouldWriteTheEnvelopeWithSeedFieldNamesAndIsoDates() {
        Article seed = new SeedFormat().read("seed", Samples.bytes(Samples.seed())).article();
        Ranking ranking = new Ranking(Instant.parse("2026-11-29T10:00:01Z"),
                new HeatScore(104, 104.2, 24, Instant.parse("2026-11-29T10:00:01Z"), Instant.parse("2020-01-12T22:17:00Z"), "quality x recency",
                        List.of(new HeatComponent("quality", 89, 89, "the source's quality score"))),
                List.of(new RelatedLink(null, 0.8, LinkSource.EDITORIAL, seed.related().get(0))),
                new StoryRef("s1", "4e232ba6522a9cca", 1, List.of("nytimes.com"), seed.publishedDateTime(),
                        seed.publishedDateTime()));
        ArticleEvent event = ArticleEvent.ingested("4e232ba6522a9cca", 1, "https://x/", "hash",
                Instant.parse("2026-11-29T10:00:00Z"), "seed.txt", seed).withRanking(ranking);

        String json = Json.write(event);

        assertThat(json).contains("\"schemaVersion\":2", "\"publishedDateTime\":\"2020-01-12T22:17:00Z\"",
                "\"isCached\":null", "\"source\":\"editorial\"", "\"webUrl\":\"https://www.nytimes.com/");
        assertThat(Json.readEvent(json)).isEqualTo(event);
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() {
        String json = "{\"schemaVersion\":1,\"articleId\":\"a\",\"version\":1,\"somethingNew\":{\"x\":1},"
                + "\"article\":{\"title\":\"t\",\"alsoNew\":true}}";

        ArticleEvent event = Json.readEvent(json);

        assertThat(event.articleId()).isEqualTo("a");
        assertThat(event.article().title()).isEqualTo("t");
        assertThat(event.article().topics()).isEmpty();
    }

    /** A newer schema may change what known fields mean: the record goes to a dead-letter topic, not into the store. */
    @Test
    void shouldRefuseAnEventOfANewerSchemaVersion() {
        String json = "{\"schemaVersion\":3,\"articleId\":\"a\",\"version\":1,\"article\":{\"title\":\"t\"}}";

        assertThatThrownBy(() -> Json.readEvent(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported schema version 3");
        assertThatThrownBy(() -> Json.readRankingUpdate("{\"schemaVersion\":3,\"articleId\":\"a\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported schema version 3");
        assertThatThrownBy(() -> Json.readStory("{\"schemaVersion\":3}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported schema version 3");
    }

    /** A merge travels as one story record: the old story, size 0, and the story that took its members. */
    @Test
    void shouldRoundTripAStoryMergeAndReadAStoryRecordWithoutOneAsStandingAlone() {
        var merge = dev.newsroom.model.event.StoryRecord.merged("old", "new", java.time.Instant.parse("2026-01-01T00:00:00Z"), 1.0);

        var read = Json.readStory(Json.write(merge));

        assertThat(read).isEqualTo(merge);
        assertThat(read.isMerge()).isTrue();
        assertThat(read.story().size()).isZero();
        var facts = Json.readStory("{\"schemaVersion\":2,\"story\":{\"id\":\"s\",\"size\":2},"
                + "\"rankedAt\":\"2026-01-01T00:00:00Z\"}");
        assertThat(facts.mergedInto()).isNull();
        assertThat(facts.isMerge()).isFalse();
    }

    /** A schema 1 record (written before backlinks and story coverage) still reads: the new fields are empty. */
    @Test
    void shouldReadASchemaOneRankingWithoutTheSchemaTwoFields() {
        String json = "{\"schemaVersion\":1,\"articleId\":\"a\",\"version\":1,\"article\":{\"title\":\"t\"},"
                + "\"ranking\":{\"rankedAt\":\"2026-01-01T00:00:00Z\",\"related\":[],"
                + "\"story\":{\"id\":\"s\",\"size\":2,\"providers\":[\"a.com\",\"b.com\"]}}}";

        var event = Json.readEvent(json);

        assertThat(event.ranking().backlinks()).isEmpty();
        assertThat(event.ranking().relatedLimit()).isZero();
        assertThat(event.ranking().story().coverage()).isNull();
        assertThat(event.ranking().story().size()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAValueThatIsNull() {
        assertThatThrownBy(() -> Json.readEvent("null"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
