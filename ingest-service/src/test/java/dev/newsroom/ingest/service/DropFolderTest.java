package dev.newsroom.ingest.service;

import static dev.newsroom.ingest.Uploads.seedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.ingest.Uploads;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
@TestProfile(DropFolderTest.WithDropFolder.class)
class DropFolderTest {

    @Inject
    IngestedVersions versions;

    static final Path FOLDER = createFolder();

    public static class WithDropFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsroom.ingest.drop-folder.path", FOLDER.toString(),
                    "newsroom.ingest.drop-folder.poll-interval", "200ms",
                    "newsroom.ingest.drop-folder.settle-time", "100ms");
        }
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("newsroom-drop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldIngestDroppedFilesAndMoveThemToProcessedOrRejected() throws IOException {
        String url = "https://example.com/drop/good.html";
        Files.writeString(FOLDER.resolve("good.md"), seedAt(url));
        Files.writeString(FOLDER.resolve("bad.md"), seedAt("javascript:alert(1)"));
        Files.writeString(FOLDER.resolve("notes.pdf"), "%PDF");
        Files.write(FOLDER.resolve("feed.zip"), Uploads.zip(Map.of("a.md", Uploads.utf8(seedAt("https://example.com/drop/zipped.html")))));
        Files.writeString(FOLDER.resolve("half-written.md.part"), "---\n");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(FOLDER.resolve("processed/good.md")).exists();
            assertThat(FOLDER.resolve("processed/feed.zip")).exists();
            assertThat(FOLDER.resolve("rejected/bad.md")).exists();
            assertThat(FOLDER.resolve("rejected/notes.pdf")).exists();
        });
        assertThat(FOLDER.resolve("good.md")).doesNotExist();
        assertThat(FOLDER.resolve("half-written.md.part")).exists();

        Map<?, ?> problem = Json.read(Files.readString(FOLDER.resolve("rejected/bad.md.error.json")), Map.class);
        assertThat(problem.get("status")).isEqualTo(422);
        assertThat(problem.get("type")).isEqualTo("/problems/invalid-article");
        assertThat((Iterable<?>) problem.get("problems")).first().asString()
                .contains("file=bad.md", "line=6", "field=webUrl", "'javascript:' is not allowed");
        assertThat(Files.readString(FOLDER.resolve("rejected/notes.pdf.error.json"))).contains("\"status\":415");

        String bootstrap = Infrastructure.forTests().kafka().bootstrapServers();
        assertThat(TopicRecords.readAll(bootstrap, EventTopics.INGESTED)).extracting(r -> r.key())
                .contains(ArticleId.fromUrl(url).orElseThrow(), ArticleId.fromUrl("https://example.com/drop/zipped.html").orElseThrow());
    }

    @Test
    void shouldLeaveDroppedFilesWhereTheyAreUntilTheVersionsAreReadBack() throws IOException {
        String url = "https://example.com/drop/while-not-ready.html";
        versions.holdCatchUp(true);
        versions.rebuild();
        try {
            Files.writeString(FOLDER.resolve("early.md"), seedAt(url));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> Files.exists(FOLDER.resolve("early.md")));
        } finally {
            versions.holdCatchUp(false);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(FOLDER.resolve("processed/early.md")).exists());
        assertThat(TopicRecords.readAll(Infrastructure.forTests().kafka().bootstrapServers(), EventTopics.INGESTED))
                .extracting(r -> r.key()).contains(ArticleId.fromUrl(url).orElseThrow());
    }
}
