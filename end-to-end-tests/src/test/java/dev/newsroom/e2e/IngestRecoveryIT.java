package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.newsroom.infra.KafkaBroker;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: with the broker stopped, ingest answers 503, and once it is back the command line's retries
 * deliver everything; the stored count equals the count of files sent. The real packaged command line
 * ({@code newsroom-cli.jar}) uploads every sample to the real packaged services while Kafka is down.
 */
class IngestRecoveryIT {

    private static Newsroom newsroom;

    @BeforeAll
    static void startNewsroom() {
        newsroom = new Newsroom("ingest-recovery");
    }

    @AfterAll
    static void stopNewsroom() {
        if (newsroom != null) {
            newsroom.infrastructure.kafka().start();
            newsroom.close();
        }
    }

    @Test
    void shouldDeliverEveryFileOnceKafkaIsBackWhenTheCliRetries(@TempDir Path folder) throws Exception {
        Map<String, Boolean> liveById = copyOneFilePerArticle(folder);
        int sent = liveById.size();
        KafkaBroker kafka = newsroom.infrastructure.kafka();
        Path cliLog = newsroom.ingest.log().resolveSibling("cli.log");

        kafka.stop();
        Process cli;
        try {
            // new content (another test of this JVM may have ingested the seed itself: that would be "unchanged")
            String probe = Samples.text(Samples.seed()).replace("facial-recognition-police.html\"",
                    "facial-recognition-police-recovery-probe.html\"");
            given().baseUri(newsroom.ingest.baseUrl()).header("Authorization", "Bearer " + Newsroom.TOKEN)
                    .contentType("text/markdown").body(probe.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/ingest")
                    .then().statusCode(503).header("Retry-After", equalTo("5"));

            cli = Newsroom.cli("ingest", "--url", newsroom.ingest.baseUrl(),
                    "--token", Newsroom.TOKEN, "--batch-size", "50", folder.toString())
                    .redirectErrorStream(true).redirectOutput(cliLog.toFile()).start();
            // the command line has met the unavailable broker (503) before Kafka comes back
            await().atMost(Duration.ofSeconds(90)).until(() -> count(newsroom.ingest.log(), "answering 503") >= 3);
        } finally {
            kafka.start();
        }

        assertThat(cli.waitFor(5, TimeUnit.MINUTES)).as("the command line finished; see %s", cliLog).isTrue();
        String output = Files.readString(cliLog);
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("total\\s+" + sent).containsPattern("rejected\\s+0").containsPattern("failed\\s+0");

        // stored: every article readable from article-service (a file saying published: false is stored, as retracted)
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            int stored = 0;
            for (Map.Entry<String, Boolean> article : liveById.entrySet()) {
                int status = given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + article.getKey()).statusCode();
                if (status == (article.getValue() ? 200 : 410)) {
                    stored++;
                }
            }
            assertThat(stored).isEqualTo(sent);
        });
        // and the live ones, each once, in the list (other tests of this JVM may have stored articles of their own)
        List<String> live = liveById.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        assertThat(listedIds().stream().filter(liveById::containsKey).toList()).containsExactlyInAnyOrderElementsOf(live);
    }

    /** Every sample whose article is not already among them (one file per id), copied into {@code folder}. */
    private static Map<String, Boolean> copyOneFilePerArticle(Path folder) throws IOException {
        SeedFormat format = new SeedFormat();
        Map<String, Boolean> liveById = new LinkedHashMap<>();
        Map<String, Path> firstById = new HashMap<>();
        for (Path file : Samples.allArticles()) {
            var article = format.read(file.toString(), Samples.bytes(file)).article();
            String id = ArticleId.of(article).orElseThrow();
            if (firstById.putIfAbsent(id, file) == null) {
                liveById.put(id, article.isLive());
                Path target = folder.resolve(Samples.root().relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return liveById;
    }

    private static List<String> listedIds() {
        List<String> ids = new ArrayList<>();
        String next = "/articles?size=100";
        while (next != null) {
            var page = given().baseUri(newsroom.articles.baseUrl()).get(next).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            next = page.getString("next");
        }
        return ids;
    }

    private static long count(Path log, String text) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
    }


}
