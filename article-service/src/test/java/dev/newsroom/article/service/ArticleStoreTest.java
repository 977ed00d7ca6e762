package dev.newsroom.article.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.seed.SeedFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's promises, checked through the API that reads them: idempotent, order-proof, counted exactly. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ArticleStoreTest {

    @Inject
    ArticleStore store;

    @Test
    void shouldStoreABatchOnceAndTreatItsRedeliveryAsStale() {
        List<ArticleEvent> batch = List.of(RankedEvents.article().build(), RankedEvents.article().build(),
                RankedEvents.article().build());

        assertThat(store.upsert(batch)).isEqualTo(3);
        assertThat(store.upsert(batch)).isZero();
        batch.forEach(e -> given().get("/articles/" + e.articleId()).then().statusCode(200).body("version", equalTo(1)));
    }

    @Test
    void shouldKeepTheNewestVersionWhateverTheOrderOfArrival() {
        RankedEvents article = RankedEvents.article();
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        ArticleEvent v3 = article.version(3).title("third").rankedAt(t).build();
        ArticleEvent v2 = article.version(2).title("second").rankedAt(t.plusSeconds(60)).build();
        ArticleEvent v3Later = article.version(3).title("third, re-ranked").rankedAt(t.plusSeconds(120)).build();
        ArticleEvent v3Earlier = article.version(3).title("third, stale ranking").rankedAt(t.minusSeconds(60)).build();

        store.upsert(List.of(v3));
        assertThat(store.upsert(List.of(v2))).isZero();
        assertThat(store.upsert(List.of(v3Earlier))).isZero();
        assertThat(store.upsert(List.of(v3Later))).isEqualTo(1);
        assertThat(store.upsert(List.of(v3Later, v2, v3Earlier))).isZero();

        given().get("/articles/" + v3.articleId()).then().statusCode(200)
                .body("version", equalTo(3)).body("title", equalTo("third, re-ranked"));
    }

    @Test
    void shouldTakeTheNewestRecordOfAnArticleWithinOneBatch() {
        RankedEvents article = RankedEvents.article();
        ArticleEvent v1 = article.version(1).title("first").build();
        ArticleEvent v2 = article.version(2).title("second").build();

        assertThat(store.upsert(List.of(v2, v1))).isEqualTo(1);
        given().get("/articles/" + v1.articleId()).then().body("version", equalTo(2)).body("title", equalTo("second"));
    }

    @Test
    void shouldCountTopicsAndProvidersExactlyAsArticlesChangeAndAreRetracted() {
        String topicA = RankedEvents.unique("topic");
        String topicB = RankedEvents.unique("topic");
        String domain = RankedEvents.unique("provider") + ".example";
        RankedEvents first = RankedEvents.article().topics(topicA, topicB).provider("Counted", domain);
        RankedEvents second = RankedEvents.article().topics(topicA).provider("Counted", domain);
        store.upsert(List.of(first.build(), second.build()));
        assertThat(topicCount(topicA)).isEqualTo(2);
        assertThat(topicCount(topicB)).isEqualTo(1);
        assertThat(providerCount(domain)).isEqualTo(2);

        store.upsert(List.of(first.version(2).topics(topicB).build()));       // moves from A+B to B only
        assertThat(topicCount(topicA)).isEqualTo(1);
        assertThat(topicCount(topicB)).isEqualTo(1);

        store.upsert(List.of(second.version(2).retracted().build()));        // retracted: leaves every count
        assertThat(topicCount(topicA)).isZero();
        assertThat(providerCount(domain)).isEqualTo(1);
        store.upsert(List.of(second.version(2).retracted().build()));        // redelivered: no double count
        assertThat(providerCount(domain)).isEqualTo(1);
    }

    @Test
    void shouldMoveAnArticleBetweenStoriesAndKeepEachStoryHeatItsHottestLiveArticle() {
        String storyA = RankedEvents.unique("story");
        String storyB = RankedEvents.unique("story");
        RankedEvents lead = RankedEvents.article().heat(300).story(storyA, null, 2);
        RankedEvents other = RankedEvents.article().heat(200).story(storyA, lead.id(), 2);
        lead.story(storyA, lead.id(), 2);
        store.upsert(List.of(lead.build(), other.build()));
        given().get("/stories/" + storyA).then().statusCode(200)
                .body("heat", equalTo(300)).body("articles", equalTo(2))
                .body("lead.id", equalTo(lead.id())).body("coverage[0].id", equalTo(other.id()));

        store.upsert(List.of(lead.version(2).story(storyB, lead.id(), 1).build()));   // re-ranked into another story
        given().get("/stories/" + storyA).then().statusCode(200)
                .body("heat", equalTo(200)).body("articles", equalTo(1)).body("lead.id", equalTo(other.id()));
        given().get("/stories/" + storyB).then().statusCode(200).body("heat", equalTo(300));

        store.upsert(List.of(other.version(2).retracted().build()));                   // its last live article goes
        given().get("/stories/" + storyA).then().statusCode(404);
        given().get("/stories?size=100").then().body("items.id", not(hasItem(storyA)));
    }

    @Test
    void shouldRewriteRelatedLinksOnlyWhenAReRankingChangesThemAndKeepTopicsAndImages() {
        String topic = RankedEvents.unique("topic");
        RankedEvents article = RankedEvents.article().topics(topic);
        ArticleEvent stored = article.build();
        ArticleEvent other = RankedEvents.article().build();
        store.upsert(List.of(other, stored));
        int seedLinks = stored.ranking().related().size();
        given().get("/articles/" + stored.articleId() + "/related").then().body("items.size()", equalTo(seedLinks));

        // re-ranked, content unchanged: a computed link to the other article joins the editorial ones
        List<RelatedLink> withOther = new ArrayList<>(stored.ranking().related());
        withOther.add(0, new RelatedLink(other.articleId(), 0.9, LinkSource.COMPUTED, RelatedArticle.of(other.article())));
        assertThat(store.upsert(List.of(reRanked(stored, 60, withOther)))).isEqualTo(1);
        given().get("/articles/" + stored.articleId() + "/related").then()
                .body("items.size()", equalTo(seedLinks + 1)).body("items.id", hasItem(other.articleId()));

        // re-ranked again with the same links (its story grew): they stay, once each
        assertThat(store.upsert(List.of(reRanked(stored, 120, withOther)))).isEqualTo(1);
        given().get("/articles/" + stored.articleId() + "/related").then().body("items.size()", equalTo(seedLinks + 1));

        // and the link goes again when a re-ranking drops it
        assertThat(store.upsert(List.of(reRanked(stored, 180, stored.ranking().related())))).isEqualTo(1);
        given().get("/articles/" + stored.articleId() + "/related").then().body("items.size()", equalTo(seedLinks));
        assertThat(topicCount(topic)).isEqualTo(1);
        given().get("/articles?topic=" + topic).then().body("items.id", hasItem(stored.articleId()));
        given().get("/articles/" + stored.articleId()).then().body("images.size()", equalTo(stored.article().images().size()));
    }

    @Test
    void shouldKeepEveryCharacterOfTheDocumentsItWritesAsUtf8Bytes() {
        // Latin-1, beyond it, and beyond the basic plane (a surrogate pair in Java, four bytes in UTF-8)
        String title = "Café ‘Tōkyō’ — 東京の夜 \uD83D\uDE80 " + RankedEvents.unique("utf8");
        ArticleEvent event = storeLinkedPair(title, "Linked " + title, RankedEvents.unique("topic"));

        // the article as it arrived, exported
        String exported = given().accept("text/markdown").get("/articles/" + event.articleId()).then().statusCode(200)
                .extract().asString();
        assertThat(new SeedFormat().read("export.md", exported).article().title()).isEqualTo(title);
    }

    @Test
    void shouldStoreAndServeAnUnpairedSurrogateOfARecordThatBypassedIngest() {
        // ingest drops unpaired surrogates (StorableText), but a record another producer wrote to articles.ranked may
        // hold one: written as bytes, its documents keep it as a JSON escape; it is stored, and every reading answers
        String unique = RankedEvents.unique("half");
        String topic = RankedEvents.unique("topic");
        ArticleEvent event = storeLinkedPair("Half a pair \uD83D of " + unique, "Linked \uDE00 " + unique, topic);

        given().accept("text/html").get("/articles/" + event.articleId()).then().statusCode(200);
        given().accept("text/markdown").get("/articles/" + event.articleId()).then().statusCode(200);
        for (String feed : List.of("stories.rss", "stories.atom", "stories.json")) {
            given().get("/feeds/topics/" + topic + "/" + feed).then().statusCode(200);
        }
    }

    /**
     * Stores an article titled {@code title} (in {@code topic}) with a computed link to one titled {@code linkedTitle}
     * and a backlink to it, so that the title is in all three kinds of document: the content, an own link's entry
     * and a backlink's entry. Checks that the JSON API answers both titles exactly as the records held them.
     */
    private ArticleEvent storeLinkedPair(String title, String linkedTitle, String topic) {
        ArticleEvent linked = RankedEvents.article().title(linkedTitle).build();
        ArticleEvent event = RankedEvents.article().title(title).topics(topic)
                .related(List.of(new RelatedLink(linked.articleId(), 0.8, LinkSource.COMPUTED, RelatedArticle.of(linked.article()))))
                .backlinks(new Backlink(linked.articleId(), 1, 0.7))
                .build();

        assertThat(store.upsert(List.of(linked, event))).isEqualTo(2);

        // the content document and an own link's entry
        given().get("/articles/" + event.articleId()).then().statusCode(200)
                .body("title", equalTo(title)).body("related.title", hasItem(linkedTitle));
        // the entry its backlink gives the linked article
        given().get("/articles/" + linked.articleId() + "/related").then().statusCode(200).body("items.title", hasItem(title));
        return event;
    }

    @Test
    void shouldSearchTheCurrentContentThroughReRankingsAndNewVersions() {
        String first = "zorblaxian" + RankedEvents.unique("w").substring(2, 10).replace("-", "");
        String second = "quintorvian" + RankedEvents.unique("w").substring(2, 10).replace("-", "");
        RankedEvents article = RankedEvents.article().title("Harbour reopens after " + first + " storm");
        ArticleEvent v1 = article.build();
        store.upsert(List.of(v1));
        given().get("/articles?q=" + first).then().body("items.id", hasItem(v1.articleId()));

        store.upsert(List.of(reRanked(v1, 60, v1.ranking().related())));           // re-ranked: still found
        given().get("/articles?q=" + first).then().body("items.id", hasItem(v1.articleId()));

        store.upsert(List.of(article.version(2).title("Harbour reopens after " + second + " storm")
                .rankedAt(v1.ranking().rankedAt().plusSeconds(120)).build()));      // new content: new words
        given().get("/articles?q=" + second).then().body("items.id", hasItem(v1.articleId()));
        given().get("/articles?q=" + first).then().body("items.id", not(hasItem(v1.articleId())));
    }

    private static ArticleEvent reRanked(ArticleEvent event, long secondsLater, List<RelatedLink> related) {
        Ranking r = event.ranking();
        return event.withRanking(new Ranking(r.rankedAt().plusSeconds(secondsLater), r.heat(), related, r.story()));
    }

    private static int topicCount(String topic) {
        return count("/topics", "name", topic);
    }

    private static int providerCount(String domain) {
        return count("/providers", "domain", domain);
    }

    /** The count of one entry of a counted list, read through every page; 0 when it is not listed. */
    private static int count(String path, String field, String value) {
        String next = path + "?size=100";
        while (next != null) {
            JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                if (value.equals(item.get(field))) {
                    return (Integer) item.get("articles");
                }
            }
            next = page.getString("next");
        }
        return 0;
    }
}
