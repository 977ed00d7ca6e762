package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import dev.newsroom.model.json.Json;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance of "nothing stuck": each hostile file or poison record either gets a 4xx problem naming its
 * field, or is stored without the characters PostgreSQL cannot hold, or lands in its stage's dead-letter
 * topic; whichever happens, an article posted right after it is visible within seconds and every service
 * stays ready. Odd files that are accepted (the first instant of the year 0001, a date hours ahead, related entries
 * naming the article itself, unknown values JSON cannot carry as numbers, a provider domain in capitals with a
 * trailing dot, repeated topics and related entries) are followed downstream: stored,
 * listed, rendered, exported and ingested again. Driven over HTTP, except for the two poison records and an article
 * dated at the last instant of 9999, which no file at the front door can produce any more and are therefore written
 * straight to the topics (as a buggy or hostile producer would).
 */
class NothingStuckIT {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(20);
    private static final AtomicInteger PROBES = new AtomicInteger();
    private static final String SEED_DATE = "publishedDateTime: 2020-01-12T22:17:00Z";

    private static Newsroom newsroom;

    @BeforeAll
    static void startNewsroom() {
        newsroom = new Newsroom("nothing-stuck");
    }

    @AfterAll
    static void stopNewsroom() {
        if (newsroom != null) {
            newsroom.close();
        }
    }

    @Test
    void shouldStoreAFileWithANulInItsBodyWithoutTheNul() {
        String file = article("nul-body") + "\nThe body holds a NUL here: [\u0000] and a bell here: [\u0007].\n";
        String id = post("nul-body.md", file).then().statusCode(202).extract().path("id");

        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200)
                .body("body", containsString("The body holds a NUL here: [] and a bell here: [].")));
        String exported = given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                .then().statusCode(200).extract().asString();
        assertThat(exported).doesNotContain("\u0000", "\u0007").contains("The body holds a NUL here: []");
        assertPipelineFlows();
    }

    @Test
    void shouldStoreListRenderAndExportArticlesDatedAtTheFirstAndLastInstantsOfTheYearsOneTo9999() {
        String first = "0001-01-01T00:00:00Z";
        String firstId = post("dated-0001.md", article("dated-0001").replace(SEED_DATE, "publishedDateTime: " + first))
                .then().statusCode(202).extract().path("id");
        // ingest refuses a date more than a day past its clock (max-published-ahead, the test below), but a record
        // of another producer can hold the last instant of 9999: written straight to articles.ingested
        String last = "9999-12-31T23:59:59.999999999Z";
        ObjectNode dated = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(
                latest(EventTopics.INGESTED, postAndAwaitVisible("dated-9999-template")).value()));
        String lastId = rewriteIdentity(dated, "dated-9999");
        ((ObjectNode) dated.get("article")).put("publishedDateTime", last);
        TopicRecords.send(bootstrap(), EventTopics.INGESTED, lastId, dated.toString());

        for (List<String> dateAndId : List.of(List.of(first, firstId), List.of(last, lastId))) {
            String date = dateAndId.get(0);
            String id = dateAndId.get(1);
            await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                    .get("/articles/" + id).then().statusCode(200).body("publishedDateTime", equalTo(date)));
            String day = date.substring(0, 10);
            given().baseUri(newsroom.articles.baseUrl()).queryParam("from", day).queryParam("to", day).get("/articles")
                    .then().statusCode(200).body("items.id", hasItem(id));
            given().baseUri(newsroom.articles.baseUrl()).accept("text/html").get("/articles/" + id)
                    .then().statusCode(200).body(containsString("datetime=\"" + day));
            given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                    .then().statusCode(200).body(containsString("publishedDateTime: " + date));
        }
        for (String path : List.of("/stories", "/feeds/stories.rss", "/feeds/stories.atom", "/feeds/stories.json", "/")) {
            given().baseUri(newsroom.articles.baseUrl()).get(path).then().statusCode(200);
        }
        assertPipelineFlows();
    }

    @Test
    void shouldRejectAnArticleDatedDecadesAheadNamingTheFieldAndLine() {
        assertDateRefused("year-2099", "2099-01-01T00:00:00Z", "more than 1 day after ingest's clock");
    }

    @Test
    void shouldStoreAndListFirstAnArticleDatedHoursAhead() {
        String date = Instant.now().plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = post("hours-ahead.md", article("hours-ahead").replace(SEED_DATE, "publishedDateTime: " + date))
                .then().statusCode(202).extract().path("id");

        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200).body("publishedDateTime", equalTo(date)));
        // up to its day (the record dated 9999 of the test above is later still)
        given().baseUri(newsroom.articles.baseUrl()).queryParam("sort", "newest").queryParam("to", date.substring(0, 10))
                .get("/articles").then().statusCode(200).body("items[0].id", equalTo(id));
        assertPipelineFlows();
    }

    @Test
    void shouldRejectADateBeyondTheYear9999NamingTheFieldAndLineInsteadOfDeadLetteringIt() {
        assertDateRefused("year-10000", "+10000-01-01T00:00:00Z", "years 0001 to 9999");
    }

    /** The seed dated {@code date} gets a 422 naming the file, the field and its line; the pipeline still flows. */
    private static void assertDateRefused(String name, String date, String message) {
        String file = article(name).replace(SEED_DATE, "publishedDateTime: " + date);

        post(name + ".md", file).then().statusCode(422).contentType("application/problem+json")
                .body("problems[0].file", equalTo(name + ".md"))
                .body("problems[0].field", equalTo("publishedDateTime"))
                .body("problems[0].line", equalTo(5))
                .body("problems[0].message", containsString(message));
        assertPipelineFlows();
    }

    @Test
    void shouldStoreAnArticleWhoseRelatedEntriesNameItselfWithoutLinkingItToItself() {
        String name = "names-itself";
        String own = "https://www.nytimes.com/2020/01/12/technology/facial-recognition-police-" + name + ".html";
        String file = article(name).replace("related:\n", "related:\n  - title: \"The article itself\"\n"
                + "    publishedDateTime: 2020-01-12T22:17:00Z\n    webUrl: \"" + own + "?utm_source=feed\"\n");
        String id = post(name + ".md", file).then().statusCode(202).extract().path("id");

        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200)
                .body("related.title", hasItem("The benefits of facial recognition AI are being wildly overstated"))
                .body("related.title", not(hasItem("The article itself"))).body("related.id", not(hasItem(id))));
        given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id + "/related").then().statusCode(200)
                .body("id", not(hasItem(id))).body("title", not(hasItem("The article itself")));
        given().baseUri(newsroom.articles.baseUrl()).accept("text/html").get("/articles/" + id)
                .then().statusCode(200).body(not(containsString("The article itself")));
        given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                .then().statusCode(200).body(not(containsString("The article itself")));
        assertPipelineFlows();
    }

    @Test
    void shouldStoreListAndCountAProviderDomainWrittenInCapitalsWithATrailingDotAsItsHost() {
        String name = "dotted-domain";
        String file = article(name).replace("  domain: nytimes.com\n", "  domain: \" NYTimes.com. \"\n")
                .replace("      domain: thenextweb.com\n", "      domain: TheNextWeb.COM.\n");
        String id = post(name + ".md", file).then().statusCode(202).extract().path("id");

        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200)
                .body("provider.domain", equalTo("nytimes.com"))
                .body("story.providers", hasItems("nytimes.com", "thenextweb.com"))
                .body("story.providers", not(hasItem("nytimes.com.")))
                .body("story.providers", not(hasItem("thenextweb.com."))));
        for (String provider : List.of("nytimes.com", "NYTimes.com.")) {
            given().baseUri(newsroom.articles.baseUrl()).queryParam("provider", provider).queryParam("size", 100)
                    .get("/articles").then().statusCode(200).body("items.id", hasItem(id));
        }
        given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                .then().statusCode(200).body(containsString("  domain: nytimes.com\n"));
        assertPipelineFlows();
    }

    @Test
    void shouldStoreListAndRenderRepeatedTopicsAndRelatedEntriesOnceAndEmptyTopicsNotAtAll() {
        String name = "repeats";
        String benefits = "The benefits of facial recognition AI are being wildly overstated";
        String again = "  - title: \"" + benefits + "\"\n    publishedDateTime: 2020-01-13T10:00:00Z\n"
                + "    webUrl: \"https://thenextweb.com/artificial-intelligence/2020/01/13/"
                + "the-benefits-of-facial-recognition-ai-are-being-wildly-overstated/?utm_source=again\"\n";
        String file = article(name).replace("  - AI\n", "  - AI\n  - ai\n  - \"  \"\n  - \" AI \"\n")
                .replace("related:\n", "related:\n" + again);
        String id = post(name + ".md", file).then().statusCode(202).extract().path("id");

        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200)
                .body("topics", equalTo(List.of("AI", "Computer Vision")))
                .body("related.findAll { it.title == '" + benefits + "' }.size()", equalTo(1)));
        String page = given().baseUri(newsroom.articles.baseUrl()).accept("text/html").get("/articles/" + id)
                .then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("href=\"/?topic=\"").containsOnlyOnce(">" + benefits + "<");
        given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                .then().statusCode(200).body(containsString("topics:\n  - AI\n  - Computer Vision\n"));
        assertPipelineFlows();
    }

    @Test
    void shouldAnswerUnchangedWhenTheExportOfAnArticleWithNonFiniteUnknownValuesIsIngestedAgain() {
        String name = "non-finite";
        String file = article(name).replace("published: true\n",
                "published: true\nnotANumber: .nan\ninfinite: -.inf\nnested: {a: [1, .inf]}\n");
        String id = post(name + ".md", file).then().statusCode(202).extract().path("id");
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> given().baseUri(newsroom.articles.baseUrl())
                .get("/articles/" + id).then().statusCode(200).body("extra.notANumber", equalTo(".nan")));

        String exported = given().baseUri(newsroom.articles.baseUrl()).accept("text/markdown").get("/articles/" + id)
                .then().statusCode(200).extract().asString();

        post(name + "-exported.md", exported).then().statusCode(200)
                .body("status", equalTo("unchanged")).body("version", equalTo(1));
        assertPipelineFlows();
    }

    @Test
    void shouldRejectARawNulInTheFrontMatterNamingTheField() {
        String file = article("nul-excerpt").replace("So investigators turned", "So investigators\u0000 turned");

        post("nul-excerpt.md", file).then().statusCode(400).contentType("application/problem+json")
                .body("problems[0].file", equalTo("nul-excerpt.md"))
                .body("problems[0].field", equalTo("excerpt"))
                .body("problems[0].line", equalTo(4));
        assertPipelineFlows();
    }

    @Test
    void shouldRejectFrontMatterNestedSixtyTwoLevelsDeep() {
        StringBuilder nested = new StringBuilder("extraNesting:\n");
        for (int depth = 1; depth <= 62; depth++) {
            nested.append("  ".repeat(depth)).append("level").append(depth).append(":\n");
        }
        nested.append("  ".repeat(63)).append("bottom: true\n");
        String file = article("nested").replaceFirst("---\n", "---\n" + nested);

        post("nested.md", file).then().statusCode(400).contentType("application/problem+json")
                .body("problems[0].file", equalTo("nested.md"))
                .body("problems[0].field", containsString("extraNesting"))
                .body("problems[0].message", containsStringIgnoringCase("nesting"));
        assertPipelineFlows();
    }

    @Test
    void shouldRejectThirtyThreeThousandTopicsNamingTheField() {
        // short topics, so that the front matter stays under its length limit and the count is what is refused
        String topics = "topics:\n" + "  - x\n".repeat(33_000);
        String file = article("topics").replaceFirst("(?m)^topics:\\n(  - .*\\n)+", topics);
        assertThat(file).contains(topics);

        post("topics.md", file).then().statusCode(422).contentType("application/problem+json")
                .body("problems.field", hasItem("topics"))
                .body("problems[0].file", equalTo("topics.md"));
        assertPipelineFlows();
    }

    @Test
    void shouldDeadLetterARankedRecordTheDatabaseRefuses() {
        String probe = postAndAwaitVisible("refused-template");
        ObjectNode poison = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(latest(EventTopics.RANKED, probe).value()));
        String poisonId = rewriteIdentity(poison, "database-refuses");
        ((ObjectNode) poison.get("article")).put("body", "PostgreSQL cannot hold this: \u0000");

        TopicRecords.send(bootstrap(), EventTopics.RANKED, poisonId, poison.toString());

        assertDeadLetteredOnce(EventTopics.RANKED_DEAD_LETTER, poisonId, EventTopics.RANKED);
        given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + poisonId).then().statusCode(404);
        assertPipelineFlows();
    }

    @Test
    void shouldDeadLetterRecordsThatBreakRanking() {
        String probe = postAndAwaitVisible("ranking-template");
        String template = latest(EventTopics.INGESTED, probe).value();

        ObjectNode undated = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(template));
        String undatedId = rewriteIdentity(undated, "ranking-undated");
        ((ObjectNode) undated.get("article")).putNull("publishedDateTime");
        TopicRecords.send(bootstrap(), EventTopics.INGESTED, undatedId, undated.toString());

        ObjectNode fromTheFuture = (ObjectNode) Json.mapper().valueToTree(Json.readEvent(template));
        String futureId = rewriteIdentity(fromTheFuture, "ranking-schema-99");
        fromTheFuture.put("schemaVersion", 99);
        TopicRecords.send(bootstrap(), EventTopics.INGESTED, futureId, fromTheFuture.toString());

        assertDeadLetteredOnce(EventTopics.INGESTED_DEAD_LETTER, undatedId, EventTopics.INGESTED);
        assertDeadLetteredOnce(EventTopics.INGESTED_DEAD_LETTER, futureId, EventTopics.INGESTED);
        assertPipelineFlows();
        given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + undatedId).then().statusCode(404);
        given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + futureId).then().statusCode(404);
    }

    @Test
    void shouldAcceptNothingNewWhenTheSamplesAreLoadedASecondTime() throws Exception {
        String first = ingestSamplesWithTheCli("first-load");
        assertThat(first).containsPattern("rejected\\s+0").containsPattern("failed\\s+0");

        String second = ingestSamplesWithTheCli("second-load");
        assertThat(second).containsPattern("accepted\\s+0\\n").containsPattern("rejected\\s+0")
                .containsPattern("failed\\s+0");
        assertPipelineFlows();
    }

    /** A new article is visible within seconds and every service answers ready. */
    private static void assertPipelineFlows() {
        postAndAwaitVisible("after-" + PROBES.incrementAndGet());
        for (ServiceProcess service : List.of(newsroom.ingest, newsroom.ranking, newsroom.articles)) {
            given().baseUri(service.baseUrl()).get("/q/health/ready").then().statusCode(200);
        }
    }

    private static String postAndAwaitVisible(String name) {
        String id = post(name + ".md", article(name)).then().statusCode(202).extract().path("id");
        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
                given().baseUri(newsroom.articles.baseUrl()).get("/articles/" + id).then().statusCode(200));
        return id;
    }

    private static void assertDeadLetteredOnce(String deadLetterTopic, String key, String originTopic) {
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> letters = TopicRecords.readAll(bootstrap(), deadLetterTopic).stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertThat(letters).hasSize(1);
            assertThat(header(letters.get(0), EventHeaders.DEAD_LETTER_TOPIC)).isEqualTo(originTopic);
            assertThat(header(letters.get(0), EventHeaders.DEAD_LETTER_REASON)).isNotBlank();
        });
    }

    /** Gives the record a new article id and address, so it is an article of its own. */
    private static String rewriteIdentity(ObjectNode event, String name) {
        String url = "https://www.nytimes.com/2020/01/12/technology/" + name + ".html";
        String id = ArticleId.fromCanonicalUrl(url);
        event.put("articleId", id).put("canonicalUrl", url).put("version", 1);
        ((ObjectNode) event.get("article")).put("webUrl", url);
        return id;
    }

    private static ConsumerRecord<String, String> latest(String topic, String key) {
        List<ConsumerRecord<String, String>> records = TopicRecords.readAll(bootstrap(), topic).stream()
                .filter(r -> key.equals(r.key())).toList();
        assertThat(records).as("records of %s on %s", key, topic).isNotEmpty();
        return records.get(records.size() - 1);
    }

    /** The seed, as an article of its own (its own address, so its own id). */
    private static String article(String name) {
        return Samples.text(Samples.seed()).replace("facial-recognition-police.html\"",
                "facial-recognition-police-" + name + ".html\"");
    }

    private static Response post(String file, String content) {
        return given().baseUri(newsroom.ingest.baseUrl()).header("Authorization", "Bearer " + Newsroom.TOKEN)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .contentType("text/markdown").body(content.getBytes(StandardCharsets.UTF_8)).post("/ingest");
    }

    private static String ingestSamplesWithTheCli(String name) throws Exception {
        Path log = newsroom.ingest.log().resolveSibling("cli-" + name + ".log");
        Process cli = Newsroom.cli("ingest", "--url", newsroom.ingest.baseUrl(), "--token", Newsroom.TOKEN,
                Samples.root().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(cli.waitFor(5, TimeUnit.MINUTES)).as("the command line finished; see %s", log).isTrue();
        String output = Files.readString(log);
        assertThat(cli.exitValue()).as(output).isZero();
        return output;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String bootstrap() {
        return newsroom.infrastructure.kafka().bootstrapServers();
    }
}
