package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsroom.e2e.Uploads.Outcome;
import dev.newsroom.e2e.Uploads.Upload;
import dev.newsroom.infra.ConsumerLag;
import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out of every service (issue 13, part 4): two instances each of ingest-service, ranking-service and
 * article-service, in the same consumer groups, on topics of four partitions, store what one instance of
 * each stores; the same article sent to both ingest instances at once never gets two contents under one
 * version; and with one instance of each killed ({@code kill -9}) mid-stream, every acknowledged article
 * is stored once, in its newest version.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutEndToEndIT {

    private static final Pattern WEB_URL = Pattern.compile("(?m)^webUrl: \"([^\"]+)\"");
    private static final int BATCH = 25;

    /** The samples, all copies of one article together (in file order), and the article groups alternating between two lists. */
    private static final List<List<Upload>> SAMPLE_BATCHES = new ArrayList<>();
    private static StoreSnapshot oneInstanceEach;
    private static ScaledNewsroom two;

    @BeforeAll
    static void runOneInstanceEachThenStartTwo() {
        sampleBatches();
        long started = System.nanoTime();
        try (ScaledNewsroom one = new ScaledNewsroom("scale-out-1x1x1", 1)) {
            for (List<Upload> batch : SAMPLE_BATCHES) {
                assertThat(Uploads.post(one.ingest.get(0).baseUrl(), batch)).allMatch(Outcome::acknowledged);
            }
            awaitIdle(one);
            oneInstanceEach = StoreSnapshot.take(one.articles.get(0).baseUrl(), sampleIds());
        }
        System.out.printf("ScaleOutEndToEndIT: 1x1x1 run took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        two = new ScaledNewsroom("scale-out-2x2x2", 2);
    }

    @AfterAll
    static void stop() {
        if (two != null) {
            two.close();
        }
    }

    @Test
    @Order(1)
    void shouldStoreWithTwoInstancesOfEachServiceWhatOneInstanceOfEachStores() {
        // the batches alternate between the two ingest instances, from two clients at once; every copy of
        // one article goes to the same instance in the same order as in the one-instance run
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            int mine = instance;
            clients.add(CompletableFuture.runAsync(() -> {
                for (int b = mine; b < SAMPLE_BATCHES.size(); b += 2) {
                    assertThat(Uploads.post(two.ingest.get(mine).baseUrl(), SAMPLE_BATCHES.get(b))).allMatch(Outcome::acknowledged);
                }
            }));
        }
        clients.forEach(CompletableFuture::join);
        awaitIdle(two);

        // each article-service instance serves the whole store (it is one database): every tenth article from the second
        StoreSnapshot first = StoreSnapshot.take(two.articles.get(0).baseUrl(), sampleIds());
        List<String> someIds = new ArrayList<>();
        for (int i = 0; i < sampleIds().size(); i += 10) {
            someIds.add(sampleIds().get(i));
        }
        StoreSnapshot second = StoreSnapshot.take(two.articles.get(1).baseUrl(), someIds);
        assertThat(someIds).allSatisfy(id -> assertThat(second.articles().get(id)).isEqualTo(first.articles().get(id)));
        assertThat(second.stories()).isEqualTo(first.stories());

        assertThat(first.live()).isGreaterThan(200);
        StoreSnapshot scaled = first.withoutTimes();
        StoreSnapshot single = oneInstanceEach.withoutTimes();
        List<String> ties = scaled.tiesAtTheCut(single, 0.001);
        assertThat(ties).as("articles whose last related link differs by a tie at the cut").hasSizeLessThanOrEqualTo(3);
        List<String> differences = scaled.without(ties).differencesFrom(single.without(ties), Integer.MAX_VALUE);
        differences.forEach(d -> System.out.println("ScaleOutEndToEndIT: differs by arrival order: " + d));
        assertThat(differences).as("2x2x2 against 1x1x1").isEmpty();
        System.out.printf("ScaleOutEndToEndIT: %d articles (%d live) and %d stories equal in the 1x1x1 and 2x2x2 runs, "
                + "but for %d last related link(s) tied at the cut within 0.001: %s%n", first.articles().size(),
                first.live(), first.stories().size(), ties.size(), ties);
    }

    @Test
    @Order(2)
    void shouldNeverGiveTwoContentsOneVersionWhenBothIngestInstancesGetTheSameArticleAtOnce() throws Exception {
        String seed = Samples.text(Samples.seed());
        int pairs = 30;
        double lostBefore = racesLost();
        int rounds = 0;
        // rounds until the two instances did race (one of them published a version the other had taken)
        while (racesLost() == lostBefore && rounds < 5) {
            rounds++;
            List<Upload> firstVersions = new ArrayList<>();
            List<Upload> toFirst = new ArrayList<>();
            List<Upload> toSecond = new ArrayList<>();
            for (int n = 0; n < pairs; n++) {
                String article = seed.replace("facial-recognition-police.html\"", "facial-recognition-race-" + rounds + "-" + n + ".html\"");
                firstVersions.add(Upload.of("race-" + n + ".md", article));
                toFirst.add(Upload.of("race-" + n + "-a.md", article + "\nEdited by the first desk.\n"));
                toSecond.add(Upload.of("race-" + n + "-b.md", article + "\nEdited by the second desk.\n"));
            }
            assertThat(Uploads.post(two.ingest.get(0).baseUrl(), firstVersions)).allMatch(o -> o.status().equals("accepted"));
            // both instances know version 1 before the race (each follows the topic)
            awaitIdle(two);

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<List<Outcome>> a = CompletableFuture.supplyAsync(() -> postAt(start, 0, toFirst));
            CompletableFuture<List<Outcome>> b = CompletableFuture.supplyAsync(() -> postAt(start, 1, toSecond));
            List<Outcome> answersA = a.get(60, TimeUnit.SECONDS);
            List<Outcome> answersB = b.get(60, TimeUnit.SECONDS);
            awaitIdle(two);

            for (int n = 0; n < pairs; n++) {
                Outcome oa = answersA.get(n);
                Outcome ob = answersB.get(n);
                assertThat(oa.status()).isEqualTo("accepted");
                assertThat(ob.status()).isEqualTo("accepted");
                assertThat(oa.version()).as("versions of the two contents of %s", oa.id()).isNotEqualTo(ob.version());
                Outcome newest = oa.version() > ob.version() ? oa : ob;
                String desk = newest == oa ? "first" : "second";
                for (ServiceProcess articles : two.articles) {
                    given().baseUri(articles.baseUrl()).get("/articles/" + oa.id()).then().statusCode(200)
                            .body("version", org.hamcrest.Matchers.equalTo((int) newest.version()))
                            .body("body", org.hamcrest.Matchers.containsString("Edited by the " + desk + " desk."));
                }
            }
        }
        System.out.printf("ScaleOutEndToEndIT: %d round(s) of %d simultaneous pairs; %.0f race(s) lost and published again%n",
                rounds, pairs, racesLost() - lostBefore);
        assertThat(racesLost()).as("the two ingest instances raced for a version at least once").isGreaterThan(lostBefore);
    }

    @Test
    @Order(3)
    void shouldStoreEveryAcknowledgedArticleOnceInItsNewestVersionWhenAnInstanceOfEachServiceIsKilled() throws Exception {
        List<Upload> stream = new ArrayList<>();
        int copy = 0;
        for (Path file : Samples.allArticles()) {
            String text = Samples.text(file);
            Matcher url = WEB_URL.matcher(text);
            if (!url.find()) {
                continue;
            }
            copy++;
            String moved = url.group(1) + (url.group(1).contains("?") ? "&" : "?") + "stream=" + copy;
            String article = text.substring(0, url.start(1)) + moved + text.substring(url.end(1));
            stream.add(Upload.of("stream-" + copy + ".md", article));
            if (copy % 5 == 0) {
                stream.add(Upload.of("stream-" + copy + "-v2.md", article + "\n\nUpdate 2 of stream copy " + copy + ".\n"));
            }
        }
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        Map<String, String> newestFile = new HashMap<>();
        List<ServiceProcess> doors = new ArrayList<>(two.ingest);
        int batches = (stream.size() + BATCH - 1) / BATCH;
        int sent = 0;
        int retried = 0;
        int killIngestAt = (batches / 5) | 1; // an odd batch: the one sent to the instance killed
        for (int b = 0; b < batches; b++) {
            List<Upload> batch = stream.subList(b * BATCH, Math.min(stream.size(), (b + 1) * BATCH));
            ServiceProcess door = doors.get(b % doors.size());
            CompletableFuture<List<Outcome>> answer = CompletableFuture.supplyAsync(() -> Uploads.post(door.baseUrl(), batch));
            if (b == killIngestAt) {
                ScaledNewsroom.kill(two.ingest.get(1)); // while its batch may be in flight
                doors.remove(two.ingest.get(1));
            } else if (b == 2 * batches / 5) {
                ScaledNewsroom.kill(two.ranking.get(1));
            } else if (b == 3 * batches / 5) {
                ScaledNewsroom.kill(two.articles.get(1));
            }
            sent += batch.size();
            List<Outcome> outcomes;
            try {
                outcomes = answer.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // not acknowledged: the publisher sends it again, to the instance still running
                retried++;
                outcomes = Uploads.post(doors.get(0).baseUrl(), batch);
            }
            for (Outcome o : outcomes) {
                assertThat(o.acknowledged()).as(o.toString()).isTrue();
                if (acknowledged.merge(o.id(), o.version(), Math::max) == o.version()) {
                    newestFile.put(o.id(), o.file());
                }
            }
        }
        ServiceProcess articles = two.articles.get(0);
        awaitIdle(two);

        int stored = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            Response r = given().baseUri(articles.baseUrl()).get("/articles/" + e.getKey());
            String body = r.statusCode() == 200 ? String.valueOf(r.jsonPath().getString("body")) : "";
            if (r.statusCode() == 200 && r.jsonPath().getLong("version") == e.getValue()
                    && body.contains("Update 2") == newestFile.get(e.getKey()).endsWith("-v2.md")) {
                stored++;
            } else if (r.statusCode() != 410) {
                wrong.add(e.getKey() + " acknowledged as version " + e.getValue() + " (" + newestFile.get(e.getKey())
                        + "), served " + r.statusCode() + " " + (r.statusCode() == 200 ? "version " + r.jsonPath().getLong("version") : ""));
            } else {
                stored++; // retracted by its file (published: false): stored, as such
            }
        }
        List<String> listed = listedIds(articles.baseUrl());
        long duplicates = listed.size() - listed.stream().distinct().count();
        System.out.printf("ScaleOutEndToEndIT, killed one instance of each mid-stream: sent %d, acknowledged %d articles "
                + "(%d batch(es) sent again), stored %d, lost %d, duplicates %d%n", sent, acknowledged.size(), retried, stored,
                wrong.size(), duplicates);
        assertThat(wrong).as("acknowledged but not stored in the acknowledged version").isEmpty();
        assertThat(duplicates).isZero();
        assertThat(listed).containsAll(acknowledged.keySet().stream().filter(id -> given().baseUri(articles.baseUrl())
                .get("/articles/" + id).statusCode() == 200).toList());
    }

    private static List<Outcome> postAt(CyclicBarrier start, int instance, List<Upload> files) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Uploads.post(two.ingest.get(instance).baseUrl(), files);
    }

    private static double racesLost() {
        double lost = 0;
        for (ServiceProcess ingest : two.ingest) {
            String metrics = given().baseUri(ingest.baseUrl()).get("/q/metrics").asString();
            Matcher m = Pattern.compile("(?m)^newsroom_ingest_races_lost_total(?:\\{[^}]*\\})? ([0-9.eE+]+)").matcher(metrics);
            if (m.find()) {
                lost += Double.parseDouble(m.group(1));
            }
        }
        return lost;
    }

    private static void awaitIdle(ScaledNewsroom stack) {
        try (ConsumerLag lag = new ConsumerLag(stack.infrastructure.kafka().bootstrapServers())) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(lag::pipelineIdle);
        }
    }

    private static List<String> listedIds(String baseUrl) {
        List<String> ids = new ArrayList<>();
        String next = "/articles?size=100";
        while (next != null) {
            var page = given().baseUri(baseUrl).get(next).then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            next = page.getString("next");
        }
        return ids;
    }

    private static final Map<String, List<Upload>> BY_ID = new LinkedHashMap<>();

    private static void sampleBatches() {
        SeedFormat format = new SeedFormat();
        for (Path file : Samples.allArticles()) {
            String id = ArticleId.of(format.read(file.toString(), Samples.bytes(file)).article()).orElseThrow();
            BY_ID.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new Upload(Samples.root().relativize(file).toString(), Samples.bytes(file)));
        }
        List<Upload> current = new ArrayList<>();
        for (List<Upload> copies : BY_ID.values()) {
            current.addAll(copies);
            if (current.size() >= BATCH) {
                SAMPLE_BATCHES.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            SAMPLE_BATCHES.add(current);
        }
    }

    private static List<String> sampleIds() {
        return new ArrayList<>(BY_ID.keySet());
    }
}
