package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.newsroom.infra.KafkaBroker;
import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: with the broker stopped, ingest answers 503, and once it is back the command line's retries
 * deliver everything; every article is stored, in the version of its last copy by path. The real packaged command
 * line ({@code newsroom-cli.jar}) uploads every sample file, copies of one article included, to the real packaged
 * services while Kafka is down. (That the copies keep their order whatever the concurrency is
 * {@code SeedEndToEndIT}'s test; here they are far apart in path order.)
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
        Map<String, Boolean> liveById = new LinkedHashMap<>();
        Map<String, Integer> versionById = new HashMap<>();
        int sent = copyEverySample(folder, liveById, versionById);
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

        // stored: every article in the version of its last new copy, live or retracted as that copy says (a file
        // saying published: false is stored, as retracted: 410), and the live ones, each once, in the list (other
        // tests of this JVM may have stored articles of their own)
        List<String> live = liveById.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, Boolean> article : liveById.entrySet()) {
                var response = given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + article.getKey());
                boolean right = article.getValue()
                        ? response.statusCode() == 200 && response.jsonPath().getInt("version") == versionById.get(article.getKey())
                        : response.statusCode() == 410;
                if (!right) {
                    wrong.add(article.getKey());
                }
            }
            assertThat(wrong).as("articles not (yet) in the version of their last copy").isEmpty();
            assertThat(listedIds().stream().filter(liveById::containsKey).toList()).containsExactlyInAnyOrderElementsOf(live);
        });
    }

    /**
     * Copies every sample file into {@code folder} and returns how many. For each article, {@code liveById} gets
     * whether its latest version is live and {@code versionById} which version that is: the latest is its last copy
     * by path whose content is new to the article (a copy with the content of an earlier one is "unchanged").
     */
    private static int copyEverySample(Path folder, Map<String, Boolean> liveById, Map<String, Integer> versionById)
            throws IOException {
        SeedFormat format = new SeedFormat();
        Map<String, Set<String>> contentsById = new HashMap<>();
        List<Path> files = Samples.allArticles(); // sorted, as the command line sorts the copies in the folder
        for (Path file : files) {
            Article article = format.read(file.toString(), Samples.bytes(file)).article();
            String id = ArticleId.of(article).orElseThrow();
            Set<String> contents = contentsById.computeIfAbsent(id, k -> new HashSet<>());
            if (contents.add(SeedFormat.contentHash(article))) {
                liveById.put(id, article.isLive());
                versionById.put(id, contents.size());
            }
            Path target = folder.resolve(Samples.root().relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return files.size();
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
