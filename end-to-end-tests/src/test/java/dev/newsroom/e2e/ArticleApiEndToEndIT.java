package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.seed.SeedFormat;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read API over data that went through the whole pipeline: every corpus article ingested over HTTP,
 * ranked, stored, and read back through every endpoint and parameter of article-service.
 */
class ArticleApiEndToEndIT {

    private static Newsroom newsroom;
    /** article id → the file it was ingested from (the corpus, not the seed: another IT owns the seed's URL) */
    private static final Map<String, Path> INGESTED = new LinkedHashMap<>();
    /** the ingested articles that are live (not {@code published: false}) */
    private static final Map<String, Path> LIVE = new LinkedHashMap<>();

    @BeforeAll
    static void ingestTheCorpus() {
        newsroom = new Newsroom("article-api");
        List<Path> corpus = Samples.allArticles().stream().filter(p -> !p.equals(Samples.seed())).toList();
        for (Path file : corpus) {
            Response answer = ingest(Samples.bytes(file), file.getFileName().toString());
            assertThat(answer.statusCode()).as(file.toString()).isIn(200, 202);
            INGESTED.put(answer.path("id"), file); // the last file of an id is what is stored
        }
        assertThat(INGESTED).hasSizeGreaterThan(250); // 480 files, some of them versions of one article
        // 90 corpus files say published: false: those articles are stored as retracted and answer 410
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                INGESTED.keySet().stream().allMatch(id -> articles().get("/articles/" + id).statusCode() != 404));
        SeedFormat format = new SeedFormat();
        for (var entry : INGESTED.entrySet()) {
            boolean live = format.read("f", Samples.bytes(entry.getValue())).article().isLive();
            articles().get("/articles/" + entry.getKey()).then().statusCode(live ? 200 : 410);
            if (live) {
                LIVE.put(entry.getKey(), entry.getValue());
            }
        }
        assertThat(LIVE).hasSizeGreaterThan(200);
    }

    @AfterAll
    static void stopNewsroom() {
        if (newsroom != null) {
            newsroom.close();
        }
    }

    @Test
    void shouldServeEveryIngestedArticleWithTheFieldsOfItsFile() {
        SeedFormat format = new SeedFormat();
        for (var entry : LIVE.entrySet()) {
            Article file = format.read("f", Samples.bytes(entry.getValue())).article();
            JsonPath json = articles().get("/articles/" + entry.getKey()).then().statusCode(200).extract().jsonPath();
            assertThat(json.getString("title")).as(entry.getValue().toString()).isNotBlank();
            assertThat(Instant.parse(json.getString("publishedDateTime"))).isEqualTo(file.publishedDateTime());
            assertThat(json.getList("topics")).isEqualTo(file.topics());
            assertThat(json.getString("provider.domain")).isEqualTo(file.provider() == null ? null : file.provider().domain());
            assertThat(json.getString("type")).isEqualTo(file.type());
            assertThat(json.getString("secured")).isEqualTo(file.secured());
            assertThat(json.getList("images")).hasSameSizeAs(file.images());
            // the file's own related entries, kept as editorial links; ranking adds computed ones beside them
            assertThat(json.getList("related.findAll { it.source == 'editorial' }")).hasSameSizeAs(file.related());
            assertThat(json.getMap("heatExplanation")).containsKeys("formula", "components", "base", "halfLifeHours");
            assertThat(json.getInt("version")).isPositive();
        }
    }

    @Test
    void shouldExportEveryLiveArticleSoThatIngestingTheExportChangesNoRowAndNoVersion() {
        Map<String, String> before = snapshot();
        for (String id : LIVE.keySet()) {
            String exported = articles().accept("text/markdown").get("/articles/" + id).then().statusCode(200)
                    .extract().asString();
            ingest(exported.getBytes(StandardCharsets.UTF_8), id + ".md").then().statusCode(200)
                    .body("id", equalTo(id)).body("status", equalTo("unchanged"));
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void shouldFilterByEveryParameterConsistentlyWithTheArticlesThemselves() {
        checkEveryItem("/articles?topic=power%20apps&size=100", a -> lower(a.getList("topics")).contains("power apps"));
        checkEveryItem("/articles?provider=microsoft.com&size=100", a -> "microsoft.com".equals(a.getString("provider.domain")));
        checkEveryItem("/articles?type=video", a -> "video".equals(a.getString("type")));
        checkEveryItem("/articles?category=news&size=100", a -> "news".equals(a.getString("category")));
        Instant from = Instant.parse("2021-01-01T00:00:00Z");
        Instant to = Instant.parse("2021-02-01T00:00:00Z");
        checkEveryItem("/articles?from=2021-01-01&to=2021-01-31&size=100", a -> {
            Instant p = Instant.parse(a.getString("publishedDateTime"));
            return !p.isBefore(from) && p.isBefore(to);
        });
        checkEveryItem("/articles?q=vaccine&size=100", a -> (a.getString("title") + " " + a.getString("excerpt"))
                .toLowerCase(Locale.ROOT).contains("vaccin"));
        assertThat(all("/articles?type=video")).hasSize((int) LIVE.values().stream()
                .filter(p -> "video".equals(new SeedFormat().read("f", Samples.bytes(p)).article().type())).count());
        assertThat(all("/articles?q=vaccine")).isNotEmpty();
        assertThat(all("/articles?topic=Power%20Apps&provider=microsoft.com&type=article&size=100")).isNotEmpty();
    }

    @Test
    void shouldOrderByNewestHeatTrendingAndRelevance() {
        // Ranking re-publishes articles whose links or story changed for a while after the last ingest, and a
        // re-ranked article may move across a heat or trending cursor; so compare the orders once they agree.
        // One comparison reads every article three times: on a loaded 2-core machine it alone took over 60 s.
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            List<JsonPath> newest = all("/articles?size=100&sort=newest");
            assertThat(newest.stream().map(a -> Instant.parse(a.getString("publishedDateTime"))).toList())
                    .isSortedAccordingTo(Comparator.reverseOrder());
            List<JsonPath> hottest = all("/articles?size=100&sort=heat");
            assertThat(hottest.stream().map(a -> a.getInt("heat")).toList()).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(ids(hottest)).containsExactlyInAnyOrderElementsOf(ids(newest));
            List<JsonPath> trending = all("/articles?size=100&sort=trending");
            assertThat(ids(trending)).containsExactlyInAnyOrderElementsOf(ids(newest));
            Instant now = Instant.now();
            List<Double> heatNow = trending.stream().map(a -> heatNow(a, now)).toList();
            for (int i = 1; i < heatNow.size(); i++) {
                assertThat(heatNow.get(i)).isLessThanOrEqualTo(heatNow.get(i - 1) * (1 + 1e-9));
            }
        });
        List<JsonPath> relevant = all("/articles?q=coronavirus%20vaccine&size=100");
        assertThat(relevant).isNotEmpty();
        assertThat(relevant.get(0).getString("title").toLowerCase(Locale.ROOT)).contains("vaccin");
    }

    @Test
    void shouldPageThroughAllArticlesWithoutGapsOrRepeatsWhileNewOnesArrive() {
        for (String sort : List.of("newest", "heat", "trending")) {
            Set<String> before = new HashSet<>(ids(all("/articles?size=100&sort=" + sort)));
            List<String> seen = new ArrayList<>();
            String next = newsroom.articles.baseUrl() + "/articles?size=25&sort=" + sort;
            int page = 0;
            while (next != null) {
                JsonPath json = given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
                seen.addAll(json.getList("items.id"));
                next = json.getString("next");
                if (page++ % 3 == 0) {
                    ingest(arrival().getBytes(StandardCharsets.UTF_8), "arrival.md").then().statusCode(202);
                }
            }
            assertThat(seen).as(sort).doesNotHaveDuplicates();
            assertThat(seen).as(sort).containsAll(before);
        }
    }

    @Test
    void shouldServeRelatedCoverageAndTheHeatExplanation() {
        String id = LIVE.entrySet().stream()
                .filter(e -> !new SeedFormat().read("f", Samples.bytes(e.getValue())).article().related().isEmpty())
                .findFirst().orElseThrow().getKey();
        JsonPath article = articles().get("/articles/" + id).then().extract().jsonPath();
        JsonPath related = articles().get("/articles/" + id + "/related").then().statusCode(200).extract().jsonPath();
        assertThat(related.getList("items.title")).isEqualTo(article.getList("related.title"));
        assertThat(related.getList("items.source")).isSubsetOf("editorial", "computed");
        assertThat(related.getString("next")).isNull();

        JsonPath heat = articles().get("/articles/" + id + "/heat").then().statusCode(200).extract().jsonPath();
        assertThat(heat.getInt("heat")).isEqualTo(article.getInt("heat"));
        assertThat(heat.getList("explanation.components.name")).isNotEmpty();
        assertThat(heat.getDouble("heatNow")).isCloseTo(heatNow(article, Instant.parse(heat.getString("at"))),
                within(0.01));
    }

    @Test
    void shouldListStoriesTopicsAndProvidersWithCountsThatMatchTheArticles() {
        JsonPath stories = articles().get("/stories?size=10").then().statusCode(200).extract().jsonPath();
        List<Integer> heats = stories.getList("items.heat");
        assertThat(heats).isNotEmpty().isSortedAccordingTo(Comparator.reverseOrder());
        String storyId = stories.getString("items[0].id");
        articles().get("/stories/" + storyId).then().statusCode(200).body("id", equalTo(storyId))
                .body("lead.id", equalTo(stories.getString("items[0].lead.id")));
        articles().get("/stories?topic=coronavirus").then().statusCode(200)
                .body("items.lead.topics.flatten()", hasItem("Coronavirus"));

        JsonPath topics = articles().get("/topics?size=3").then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            String name = topics.getString("items[" + i + "].name");
            assertThat(all("/articles?size=100&topic=" + URLEncoder.encode(name, StandardCharsets.UTF_8))).as(name).hasSize(topics.getInt("items[" + i + "].articles"));
        }
        JsonPath providers = articles().get("/providers?size=2").then().statusCode(200).extract().jsonPath();
        String domain = providers.getString("items[0].domain");
        assertThat(all("/articles?size=100&provider=" + domain)).hasSize(providers.getInt("items[0].articles"));
        assertThat(given().urlEncodingEnabled(false).get(providers.getString("next"))
                .then().statusCode(200).extract().jsonPath().getList("items")).isNotEmpty();
    }

    @Test
    void shouldPublishFeedsThatAFeedReaderReads() throws Exception {
        for (String path : List.of("/feeds/stories.rss", "/feeds/stories.atom", "/feeds/topics/AI/stories.rss")) {
            SyndFeed feed = new SyndFeedInput().build(new StringReader(articles().get(path).then().statusCode(200)
                    .extract().asString()));
            assertThat(feed.getEntries()).as(path).isNotEmpty();
            feed.getEntries().forEach(e -> assertThat(e.getLink()).startsWith("http"));
        }
        JsonPath json = articles().get("/feeds/topics/coronavirus/stories.json").then().statusCode(200)
                .contentType("application/feed+json").extract().jsonPath();
        assertThat(json.getString("version")).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.getList("items.id")).isNotEmpty().doesNotContainNull();
        articles().get("/").then().statusCode(200).contentType("text/html");
    }

    @Test
    void shouldTakeARetractedArticleOutOfListsAndFeedsAndAnswer410() {
        String text = arrival();
        String id = ingest(text.getBytes(StandardCharsets.UTF_8), "to-retract.md").then().statusCode(202)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> articles().get("/articles/" + id).statusCode() == 200);
        String etag = articles().get("/articles/" + id).then().extract().header("ETag");
        articles().header("If-None-Match", etag).get("/articles/" + id).then().statusCode(304);

        ingest(text.replace("published: true", "published: false").getBytes(StandardCharsets.UTF_8), "retraction.md")
                .then().statusCode(202).body("version", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> articles().get("/articles/" + id).statusCode() == 410);
        articles().get("/articles/" + id).then().contentType("application/problem+json");
        articles().get("/articles?size=100").then().body("items.id", not(hasItem(id)));
        articles().get("/stories?size=100").then().body("items.lead.id", not(hasItem(id)));
        assertThat(articles().get("/feeds/stories.json").then().extract().asString()).doesNotContain(id);
        articles().get("/articles/0123456789abcdef").then().statusCode(404).contentType("application/problem+json");
        articles().get("/articles?sort=hottest").then().statusCode(400).body("title", equalTo("Bad parameter 'sort'"));
    }

    /** The seed at a URL of its own: a new article each call. */
    private static String arrival() {
        return Samples.text(Samples.seed()).replace("facial-recognition-police.html\"",
                "arrival-" + UUID.randomUUID() + ".html\"");
    }

    /** Per article: version, ingestion time and the exported file; what re-ingesting must leave alone. */
    private static Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        for (String id : LIVE.keySet()) {
            JsonPath json = articles().get("/articles/" + id).then().statusCode(200).extract().jsonPath();
            String exported = articles().accept("text/markdown").get("/articles/" + id).then().extract().asString();
            state.put(id, json.getInt("version") + "|" + json.getString("ingestedAt") + "|" + exported);
        }
        return state;
    }

    private static double heatNow(JsonPath article, Instant now) {
        double base = article.getDouble("heatExplanation.base");
        double halfLife = article.getDouble("heatExplanation.halfLifeHours");
        Instant computedAt = Instant.parse(article.getString("heatExplanation.computedAt"));
        Instant reference = Instant.parse(article.getString("heatExplanation.referenceTime"));
        Instant published = Instant.parse(article.getString("publishedDateTime"));
        return new HeatScore(0, base, halfLife, computedAt, reference, "", List.of())
                .at(published, now);
    }

    private static void checkEveryItem(String path, Predicate<JsonPath> holds) {
        List<JsonPath> items = all(path);
        assertThat(items).as(path).isNotEmpty();
        for (JsonPath item : items) {
            assertThat(holds.test(item)).as(path + ": " + item.getString("id")).isTrue();
        }
    }

    /** Every item of a list, following its next links. */
    private static List<JsonPath> all(String path) {
        List<JsonPath> items = new ArrayList<>();
        String next = newsroom.articles.baseUrl() + path;
        while (next != null) {
            // next links come encoded from the service: sent as they are
            JsonNode page = readTree(given().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().asString());
            page.get("items").forEach(item -> items.add(new JsonPath(item.toString())));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return items;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<JsonPath> items) {
        return items.stream().map(a -> a.getString("id")).toList();
    }

    private static List<String> lower(List<Object> values) {
        return values.stream().map(v -> v.toString().toLowerCase(Locale.ROOT)).toList();
    }

    private static RequestSpecification articles() {
        return given().baseUri(newsroom.articles.baseUrl());
    }

    private static Response ingest(byte[] file, String name) {
        return given().baseUri(newsroom.ingest.baseUrl()).header("Authorization", "Bearer " + Newsroom.TOKEN)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .contentType("text/markdown").body(file).post("/ingest");
    }
}
