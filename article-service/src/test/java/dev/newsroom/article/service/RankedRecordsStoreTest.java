package dev.newsroom.article.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Backlink;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import dev.newsroom.model.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store's rules for schema 2 of {@code articles.ranked} (docs/ranked-topic-v2.md, "What a reader
 * keeps"), checked on the rows themselves: whole records, ranking updates (applied, pending, superseded),
 * backlinks, story facts and coverage, story merges, and one write per article per batch. Real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class RankedRecordsStoreTest {

    private static final Instant T = Instant.parse("2030-03-01T12:00:00Z");
    private static final double COVERAGE_WEIGHT = 0.3;

    @Inject
    ArticleStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldStoreTheContentAloneInTheDocumentAndTheRankingBesideIt() throws SQLException {
        HeatScore heat = heat(80, 2, 1.2, 5, T);
        ArticleEvent event = RankedEvents.article().heatScore(heat).coverage(coverage(2)).relatedLimit(5).rankedAt(T).build();

        assertThat(store.upsert(List.of(event))).isEqualTo(1);

        Map<String, Object> row = article(event.articleId());
        @SuppressWarnings("unchecked")
        Map<String, Object> document = Json.read((String) row.get("document"), Map.class);
        assertThat(document.keySet()).doesNotContainAnyElementsOf(StoredArticle.RANKING_FIELDS)
                .contains("id", "version", "title", "body", "sourceHeat", "ingestedAt", "extra");
        assertThat(document.get("title")).isEqualTo(event.article().title());
        assertThat(row.get("heat_score")).isEqualTo(Json.write(heat));
        assertThat((double) row.get("heat_own")).isEqualTo(80 * 1.2);
        assertThat((int) row.get("heat")).isEqualTo(heat.value());
        assertThat((double) row.get("heat_base")).isCloseTo(heat.base(), within(1e-9));
        assertThat((int) row.get("related_limit")).isEqualTo(5);
        assertThat(ownLinks(event.articleId())).hasSize(event.ranking().related().size());
    }

    @Test
    void shouldKeepAnUpdateThatArrivesBeforeItsArticleAndApplyItWhenTheArticleArrives() throws SQLException {
        ArticleEvent other = RankedEvents.article().build();
        RankedEvents article = RankedEvents.article().heatScore(heat(80, 1, 1, 2, T)).coverage(1.0).rankedAt(T);
        String story = RankedEvents.unique("story");
        RankingUpdate update = update(article.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T.plusSeconds(60)),
                List.of(link(other, 0.9)), story);

        assertThat(store.store(List.of(new RankedRecord.Update(update)))).isZero();
        assertThat(article(article.id())).isNull();
        assertThat(pending(article.id())).isEqualTo(1L);

        assertThat(store.upsert(List.of(other, article.build()))).isEqualTo(2);
        Map<String, Object> row = article(article.id());
        assertThat(row.get("ranked_at")).isEqualTo(T.plusSeconds(60));
        assertThat(row.get("story_id")).isEqualTo(story);
        assertThat(row.get("heat_score")).isEqualTo(Json.write(update.heat()));
        assertThat(ownLinks(article.id())).containsExactly(other.articleId());
        assertThat(pending(article.id())).isNull();
    }

    @Test
    void shouldDropAPendingUpdateThatANewerVersionSupersedesAndOneEarlierThanTheArticlesRanking() throws SQLException {
        ArticleEvent other = RankedEvents.article().build();
        RankedEvents article = RankedEvents.article().rankedAt(T);
        store.store(List.of(new RankedRecord.Update(update(article.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T),
                List.of(link(other, 0.9)), null))));

        store.upsert(List.of(article.version(2).rankedAt(T.plusSeconds(120)).build()));   // v2 whole: v1's update is moot
        assertThat(pending(article.id())).isNull();
        assertThat(ownLinks(article.id())).doesNotContain(other.articleId());

        RankedEvents late = RankedEvents.article().rankedAt(T.plusSeconds(300));
        store.store(List.of(new RankedRecord.Update(update(late.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T),
                List.of(link(other, 0.9)), null))));
        store.upsert(List.of(late.build()));                                               // its own ranking is later
        assertThat(article(late.id()).get("ranked_at")).isEqualTo(T.plusSeconds(300));
        assertThat(ownLinks(late.id())).doesNotContain(other.articleId());
        assertThat(pending(late.id())).isNull();
    }

    @Test
    void shouldApplyAnUpdateOfTheStoredVersionAndDropStaleOnes() throws SQLException {
        ArticleEvent other = RankedEvents.article().build();
        RankedEvents article = RankedEvents.article().version(2).rankedAt(T);
        store.upsert(List.of(other, article.build()));
        Map<String, Object> before = article(article.id());

        // an update of an older version, and one of this version ranked before the stored ranking: dropped
        assertThat(store.store(List.of(new RankedRecord.Update(update(article.id(), 1, T.plusSeconds(60),
                heat(80, 1, 1, 3, T), List.of(link(other, 0.9)), null))))).isZero();
        assertThat(store.store(List.of(new RankedRecord.Update(update(article.id(), 2, T.minusSeconds(60),
                heat(80, 1, 1, 3, T), List.of(link(other, 0.9)), null))))).isZero();
        assertThat(article(article.id())).isEqualTo(before);
        assertThat(pending(article.id())).isNull();

        // a later one of this version: its columns and links, not the document
        HeatScore later = heat(70, 1, 1, 1, T.plusSeconds(60));
        assertThat(store.store(List.of(new RankedRecord.Update(update(article.id(), 2, T.plusSeconds(60), later,
                List.of(link(other, 0.9)), null))))).isEqualTo(1);
        Map<String, Object> after = article(article.id());
        assertThat(after.get("ranked_at")).isEqualTo(T.plusSeconds(60));
        assertThat(after.get("heat")).isEqualTo(later.value());
        assertThat(after.get("heat_score")).isEqualTo(Json.write(later));
        assertThat(after.get("document")).isEqualTo(before.get("document"));
        assertThat(ownLinks(article.id())).containsExactly(other.articleId());
    }

    @Test
    void shouldKeepTheLaterOfTwoUpdatesOfOneVersionWhateverTheirOrder() throws SQLException {
        ArticleEvent first = RankedEvents.article().build();
        ArticleEvent second = RankedEvents.article().build();
        store.upsert(List.of(first, second));
        RankedEvents stored = RankedEvents.article().rankedAt(T);
        store.upsert(List.of(stored.build()));
        RankingUpdate earlier = update(stored.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T), List.of(link(first, 0.9)), null);
        RankingUpdate later = update(stored.id(), 1, T.plusSeconds(120), heat(80, 1, 1, 3, T), List.of(link(second, 0.8)), null);

        store.store(List.of(new RankedRecord.Update(later)));
        store.store(List.of(new RankedRecord.Update(earlier)));
        assertThat(ownLinks(stored.id())).containsExactly(second.articleId());

        // pending: the later one is kept, whatever the order
        RankedEvents waiting = RankedEvents.article().rankedAt(T);
        store.store(List.of(new RankedRecord.Update(update(waiting.id(), 1, T.plusSeconds(120), heat(80, 1, 1, 3, T),
                List.of(link(second, 0.8)), null))));
        store.store(List.of(new RankedRecord.Update(update(waiting.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T),
                List.of(link(first, 0.9)), null))));
        store.upsert(List.of(waiting.build()));
        assertThat(ownLinks(waiting.id())).containsExactly(second.articleId());
        assertThat(article(waiting.id()).get("ranked_at")).isEqualTo(T.plusSeconds(120));
    }

    @Test
    void shouldReplaceTheTopicsImagesAndOwnLinksOfAStoredArticleWhenItsNextVersionChangesThem() throws SQLException {
        ArticleEvent other = RankedEvents.article().build();
        ArticleEvent third = RankedEvents.article().build();
        store.upsert(List.of(other, third));
        RankedEvents article = RankedEvents.article().topics("First Topic", "Second Topic").rankedAt(T)
                .edit(b -> b.images(List.of(dev.newsroom.model.Image.of("https://img.example/1.jpg", 10, 10),
                        dev.newsroom.model.Image.of("https://img.example/2.jpg", 20, 20))))
                .related(List.of(link(other, 0.9)));
        RankedEvents fresh = RankedEvents.article().topics("Fresh Topic").rankedAt(T);
        store.upsert(List.of(article.build(), fresh.build()));   // two new articles: nothing to replace
        assertThat(children(article.id())).containsExactly("image https://img.example/1.jpg",
                "image https://img.example/2.jpg", "topic first topic", "topic second topic");
        assertThat(children(fresh.id())).contains("topic fresh topic");
        assertThat(ownLinks(article.id())).containsExactly(other.articleId());

        // its next version, with a new article in the same batch: its old topics, images and links go
        article.version(2).topics("Third Topic").rankedAt(T.plusSeconds(60))
                .edit(b -> b.images(List.of(dev.newsroom.model.Image.of("https://img.example/3.jpg", 30, 30))))
                .related(List.of(link(third, 0.8)));
        RankedEvents another = RankedEvents.article().topics("Another Topic").rankedAt(T.plusSeconds(60));
        store.upsert(List.of(article.build(), another.build()));
        assertThat(children(article.id())).containsExactly("image https://img.example/3.jpg", "topic third topic");
        assertThat(ownLinks(article.id())).containsExactly(third.articleId());
        assertThat(children(another.id())).contains("topic another topic");
        assertThat(children(fresh.id())).contains("topic fresh topic");
    }

    @Test
    void shouldKeepBacklinksForTheCurrentVersionOnlyAndReplaceThemWithTheOriginsNextRecord() throws SQLException {
        RankedEvents target = RankedEvents.article().rankedAt(T);
        store.upsert(List.of(target.build()));
        RankedEvents origin = RankedEvents.article().rankedAt(T.plusSeconds(10)).backlinks(new Backlink(target.id(), 1, 0.7));
        ArticleEvent originV1 = origin.build();
        store.upsert(List.of(originV1));

        List<Map<String, Object>> given = backlinks(target.id());
        assertThat(given).hasSize(1);
        assertThat(given.get(0)).containsEntry("origin", origin.id()).containsEntry("target_version", 1L)
                .containsEntry("score", 0.7).containsEntry("related_id", origin.id());
        assertThat(given.get(0).get("document")).isEqualTo(Json.write(new ArticleView.RelatedView(origin.id(), 0.7,
                LinkSource.COMPUTED, RelatedArticle.of(originV1.article()))));

        // the origin's next record gives other backlinks: its old ones go
        store.upsert(List.of(origin.version(2).rankedAt(T.plusSeconds(20)).backlinks().build()));
        assertThat(backlinks(target.id())).isEmpty();

        // a backlink to version 1 goes when the target's version 2 arrives, and one to an old version is not written
        RankedEvents another = RankedEvents.article().rankedAt(T.plusSeconds(30)).backlinks(new Backlink(target.id(), 1, 0.6));
        store.upsert(List.of(another.build()));
        assertThat(backlinks(target.id())).extracting(r -> r.get("origin")).containsExactly(another.id());
        store.upsert(List.of(target.version(2).rankedAt(T.plusSeconds(40)).build()));
        assertThat(backlinks(target.id())).isEmpty();
        store.upsert(List.of(RankedEvents.article().rankedAt(T.plusSeconds(50)).backlinks(new Backlink(target.id(), 1, 0.5)).build()));
        assertThat(backlinks(target.id())).isEmpty();
    }

    @Test
    void shouldSetEveryMembersHeatAgainWhenItsStorysCoverageChanges() throws SQLException {
        String story = RankedEvents.unique("story");
        HeatScore heatA = heat(80, 1, 1.2, 5, T);
        HeatScore heatB = heat(60, 1, 0.9, 30, T);
        RankedEvents a = RankedEvents.article().heatScore(heatA).story(story, null, 1).coverage(coverage(1)).rankedAt(T);
        RankedEvents b = RankedEvents.article().heatScore(heatB).story(story, null, 2).coverage(coverage(1)).rankedAt(T);
        store.upsert(List.of(a.build(), b.build()));

        // the story record: three providers now
        StoryRef facts = new StoryRef(story, a.id(), 2, List.of("a.example", "b.example", "c.example"), T, T, coverage(3));
        store.store(List.of(new RankedRecord.Story(StoryRecord.of(facts, T.plusSeconds(60)))));
        assertMemberHeat(a.id(), heatA, 3);
        assertMemberHeat(b.id(), heatB, 3);
        assertThat(storyRow(story)).containsEntry("coverage", coverage(3))
                .containsEntry("heat", Math.max(heatA.withCoverage(3, coverage(3)).value(), heatB.withCoverage(3, coverage(3)).value()));

        // older facts do not win; a new member carrying later facts (five providers) sets the others again
        store.store(List.of(new RankedRecord.Story(StoryRecord.of(
                new StoryRef(story, a.id(), 2, List.of("a.example"), T, T, coverage(1)), T.plusSeconds(30)))));
        assertMemberHeat(a.id(), heatA, 3);
        HeatScore heatC = heat(90, 5, 1, 1, T.plusSeconds(120));
        RankedEvents c = RankedEvents.article().heatScore(heatC).story(story, a.id(), 3).coverage(coverage(5))
                .rankedAt(T.plusSeconds(120));
        store.upsert(List.of(c.build()));
        assertMemberHeat(a.id(), heatA, 5);
        assertMemberHeat(b.id(), heatB, 5);
        assertMemberHeat(c.id(), heatC, 5);
        assertThat(storyRow(story)).containsEntry("coverage", coverage(5));
    }

    @Test
    void shouldWriteEachArticleOnceForAllItsChangesInABatch() throws SQLException {
        ArticleEvent other = RankedEvents.article().build();
        store.upsert(List.of(other));
        String story = RankedEvents.unique("story");
        RankedEvents article = RankedEvents.article().heatScore(heat(80, 1, 1, 2, T)).story(story, null, 1)
                .coverage(coverage(1)).rankedAt(T);
        RankingUpdate later = update(article.id(), 1, T.plusSeconds(60), heat(80, 1, 1, 3, T.plusSeconds(60)),
                List.of(link(other, 0.9)), story);
        RankingUpdate earlier = update(article.id(), 1, T.plusSeconds(30), heat(80, 1, 1, 2.5, T.plusSeconds(30)),
                List.of(), story);
        StoryRecord facts = StoryRecord.of(new StoryRef(story, article.id(), 1, List.of("a.example", "b.example"), T, T,
                coverage(2)), T.plusSeconds(90));

        List<String> writes = countingArticleWrites(() -> store.store(List.of(new RankedRecord.Whole(article.build()),
                new RankedRecord.Update(later), new RankedRecord.Story(StoryRecord.of(new StoryRef(story, article.id(),
                        1, List.of("a.example"), T, T, coverage(1)), T.plusSeconds(10))),
                new RankedRecord.Update(earlier), new RankedRecord.Story(facts))));

        assertThat(writes).containsOnlyOnce(article.id());
        Map<String, Object> row = article(article.id());
        assertThat(row.get("ranked_at")).isEqualTo(T.plusSeconds(60));
        assertThat(ownLinks(article.id())).containsExactly(other.articleId());
        assertMemberHeat(article.id(), later.heat(), 2);
        assertThat(storyRow(story)).containsEntry("coverage", coverage(2));
    }

    /**
     * Two writers at once (as two instances would be): one stores ranking updates of articles not stored yet
     * while the other stores those articles whole, and both store the same new articles. No update is missed
     * and the topic count stays exact.
     */
    @Test
    void shouldMissNoPendingUpdateAndCountExactlyWhenTwoWritersRaceOnNewArticles() throws Exception {
        ArticleEvent other = RankedEvents.article().build();
        store.upsert(List.of(other));
        String topic = RankedEvents.unique("topic");
        List<RankedEvents> articles = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            articles.add(RankedEvents.article().topics(topic).rankedAt(T));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            runs.add(pool.submit(() -> articles.forEach(a -> store.store(List.of(new RankedRecord.Update(update(a.id(), 1,
                    T.plusSeconds(60), heat(80, 1, 1, 3, T), List.of(link(other, 0.9)), null)))))));
            runs.add(pool.submit(() -> articles.forEach(a -> store.upsert(List.of(a.build())))));
            runs.add(pool.submit(() -> articles.forEach(a -> store.upsert(List.of(a.build())))));
            for (var run : runs) {
                run.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (RankedEvents a : articles) {
            assertThat(article(a.id()).get("ranked_at")).as("article %s", a.id()).isEqualTo(T.plusSeconds(60));
            assertThat(ownLinks(a.id())).containsExactly(other.articleId());
            assertThat(pending(a.id())).isNull();
        }
        assertThat(rows("select live_articles from topic where key = ?", topic).get(0))
                .containsEntry("live_articles", articles.size());
    }

    // ------------------------------------------------------------------ story merges

    @Test
    void shouldMoveEveryMemberOfAMergedStoryIntoTheStoryItJoinedWithThatStorysCoverage() throws SQLException {
        String topic = RankedEvents.unique("topic");
        String old = RankedEvents.unique("story");
        String into = RankedEvents.unique("story");
        Map<String, HeatScore> heats = new HashMap<>();
        List<ArticleEvent> olds = List.of(member(old, 1, 80, 5, T, topic, heats), member(old, 1, 70, 10, T, topic, heats),
                member(old, 1, 60, 20, T, topic, heats));
        List<ArticleEvent> news = List.of(member(into, 4, 90, 2, T, topic, heats), member(into, 4, 50, 1, T, topic, heats));
        store.upsert(olds);
        store.upsert(news);
        Object documentBefore = article(olds.get(0).articleId()).get("document");

        assertThat(store.store(List.of(merge(old, into, T.plusSeconds(60))))).isZero();

        for (String id : heats.keySet()) {
            assertThat(article(id).get("story_id")).as("story of %s", id).isEqualTo(into);
            assertMemberHeat(id, heats.get(id), 4);
        }
        assertThat(article(olds.get(0).articleId()).get("document")).isEqualTo(documentBefore);
        int hottest = heats.values().stream().mapToInt(h -> h.withCoverage(4, coverage(4)).value()).max().orElseThrow();
        assertThat(storyRow(into)).containsEntry("live_articles", 5).containsEntry("heat", hottest);
        assertThat(storyRow(old)).containsEntry("merged_into", into).containsEntry("size", 0)
                .containsEntry("live_articles", 0).containsEntry("heat", 0).containsEntry("ranked_at", T.plusSeconds(60));
        given().get("/stories/" + old).then().statusCode(404);
        assertThat(given().get("/stories?topic=" + topic).then().statusCode(200).extract().jsonPath()
                .<String>getList("items.id")).containsExactly(into);
    }

    @Test
    void shouldKeepTheStoryOfAMemberRankedAfterTheMergeWhateverItsArrival() throws SQLException {
        String old = RankedEvents.unique("story");
        String into = RankedEvents.unique("story");
        Map<String, HeatScore> heats = new HashMap<>();
        ArticleEvent before = member(old, 1, 80, 5, T, null, heats);
        ArticleEvent storedLater = member(old, 1, 70, 5, T.plusSeconds(120), null, heats);
        ArticleEvent arrivingLater = member(old, 1, 60, 5, T.plusSeconds(90), null, heats);
        store.upsert(List.of(member(into, 2, 90, 2, T, null, heats)));
        store.upsert(List.of(before, storedLater));

        store.store(List.of(merge(old, into, T.plusSeconds(60))));
        store.upsert(List.of(arrivingLater));

        assertThat(article(before.articleId()).get("story_id")).isEqualTo(into);
        assertThat(article(storedLater.articleId()).get("story_id")).isEqualTo(old);
        assertThat(article(arrivingLater.articleId()).get("story_id")).isEqualTo(old);
        // the members ranked after the merge carry later facts of their story: it stands on its own again
        assertThat(storyRow(old)).containsEntry("live_articles", 2).containsEntry("merged_into", null);
        assertThat(storyRow(into)).containsEntry("live_articles", 2);
    }

    /** The merge first, then what it would have moved: a whole record, a ranking update, a pending update. */
    @Test
    void shouldStoreInTheStoryItJoinedWhatArrivesAfterTheMergeRankedBeforeIt() throws SQLException {
        String old = RankedEvents.unique("story");
        String into = RankedEvents.unique("story");
        String elsewhere = RankedEvents.unique("story");
        Map<String, HeatScore> heats = new HashMap<>();
        store.upsert(List.of(member(into, 4, 90, 2, T, null, heats)));
        ArticleEvent updated = member(elsewhere, 1, 70, 5, T, null, heats);
        store.upsert(List.of(updated));
        RankedEvents waiting = RankedEvents.article().heatScore(heat(65, 1, 1.1, 5, T)).story(elsewhere, null, 1)
                .coverage(coverage(1)).rankedAt(T);
        HeatScore waitingHeat = heat(65, 1, 1.1, 6, T.plusSeconds(30));
        store.store(List.of(new RankedRecord.Update(update(waiting.id(), 1, T.plusSeconds(30), waitingHeat, List.of(), old))));
        assertThat(pending(waiting.id())).isEqualTo(1L);

        store.store(List.of(merge(old, into, T.plusSeconds(60))));
        ArticleEvent whole = member(old, 1, 80, 5, T, null, heats);
        store.upsert(List.of(whole));
        HeatScore updatedHeat = heat(70, 1, 1.1, 6, T.plusSeconds(30));
        store.store(List.of(new RankedRecord.Update(update(updated.articleId(), 1, T.plusSeconds(30), updatedHeat,
                List.of(), old))));
        store.upsert(List.of(waiting.build()));

        assertThat(article(whole.articleId()).get("story_id")).isEqualTo(into);
        assertMemberHeat(whole.articleId(), heats.get(whole.articleId()), 4);
        assertThat(article(updated.articleId()).get("story_id")).isEqualTo(into);
        assertMemberHeat(updated.articleId(), updatedHeat, 4);
        assertThat(article(waiting.id()).get("story_id")).isEqualTo(into);
        assertMemberHeat(waiting.id(), waitingHeat, 4);
        assertThat(storyRow(into)).containsEntry("live_articles", 4);
        assertThat(storyRow(old)).containsEntry("live_articles", 0).containsEntry("merged_into", into);
    }

    @Test
    void shouldApplyAMergeAndTheRecordsItMovesInOneBatchInEitherOrder() throws SQLException {
        for (boolean mergeFirst : List.of(true, false)) {
            String old = RankedEvents.unique("story");
            String into = RankedEvents.unique("story");
            Map<String, HeatScore> heats = new HashMap<>();
            store.upsert(List.of(member(into, 4, 90, 2, T, null, heats)));
            ArticleEvent stored = member(old, 1, 80, 5, T, null, heats);
            ArticleEvent updated = member(RankedEvents.unique("story"), 1, 75, 5, T, null, heats);
            store.upsert(List.of(stored, updated));
            ArticleEvent arriving = member(old, 1, 70, 5, T, null, heats);
            ArticleEvent later = member(old, 1, 60, 5, T.plusSeconds(120), null, heats);
            HeatScore updatedHeat = heat(75, 1, 1.1, 6, T.plusSeconds(30));
            List<RankedRecord> records = new ArrayList<>(List.of(new RankedRecord.Whole(arriving),
                    new RankedRecord.Update(update(updated.articleId(), 1, T.plusSeconds(30), updatedHeat, List.of(), old)),
                    new RankedRecord.Whole(later)));
            records.add(mergeFirst ? 0 : records.size(), merge(old, into, T.plusSeconds(60)));

            store.store(records);

            for (ArticleEvent moved : List.of(stored, arriving, updated)) {
                assertThat(article(moved.articleId()).get("story_id")).as("merge first: %s", mergeFirst).isEqualTo(into);
            }
            assertMemberHeat(stored.articleId(), heats.get(stored.articleId()), 4);
            assertMemberHeat(arriving.articleId(), heats.get(arriving.articleId()), 4);
            assertMemberHeat(updated.articleId(), updatedHeat, 4);
            assertThat(article(later.articleId()).get("story_id")).isEqualTo(old);
            assertThat(storyRow(into)).containsEntry("live_articles", 4);
            // the member ranked after the merge carries later facts of the old story: it stands on its own again
            assertThat(storyRow(old)).containsEntry("live_articles", 1).containsEntry("merged_into", null)
                    .containsEntry("ranked_at", T.plusSeconds(120));
        }
    }

    @Test
    void shouldFollowAChainOfMergesWhateverTheOrderTheyArriveIn() throws SQLException {
        for (boolean inOrder : List.of(true, false)) {
            String a = RankedEvents.unique("story");
            String b = RankedEvents.unique("story");
            String c = RankedEvents.unique("story");
            Map<String, HeatScore> heats = new HashMap<>();
            store.upsert(List.of(member(c, 5, 90, 2, T, null, heats)));
            List<ArticleEvent> members = List.of(member(a, 1, 80, 5, T, null, heats), member(a, 1, 70, 5, T, null, heats));
            store.upsert(members);
            RankedRecord aIntoB = merge(a, b, T.plusSeconds(60));
            RankedRecord bIntoC = merge(b, c, T.plusSeconds(120));

            store.store(List.of(inOrder ? aIntoB : bIntoC));
            store.store(List.of(inOrder ? bIntoC : aIntoB));
            ArticleEvent late = member(a, 1, 60, 5, T.plusSeconds(30), null, heats);
            store.upsert(List.of(late));

            for (String id : heats.keySet()) {
                assertThat(article(id).get("story_id")).as("in order: %s", inOrder).isEqualTo(c);
                assertMemberHeat(id, heats.get(id), 5);
            }
            assertThat(storyRow(c)).containsEntry("live_articles", 4);
            assertThat(storyRow(a)).containsEntry("live_articles", 0).containsEntry("merged_into", b);
            assertThat(storyRow(b)).containsEntry("live_articles", 0).containsEntry("merged_into", c);
        }
    }

    /** A merge is a story's record like its facts: the later wins; on a tie the merge does, whatever came first. */
    @Test
    void shouldKeepTheLaterOfAMergeAndTheFactsOfItsStory() throws SQLException {
        String old = RankedEvents.unique("story");
        String into = RankedEvents.unique("story");
        StoryRef facts = new StoryRef(old, null, 2, List.of("a.example", "b.example"), T, T, coverage(2));
        store.store(List.of(merge(old, into, T.plusSeconds(60))));

        store.store(List.of(new RankedRecord.Story(StoryRecord.of(facts, T.plusSeconds(60)))));
        assertThat(storyRow(old)).containsEntry("merged_into", into).containsEntry("size", 0);
        store.store(List.of(new RankedRecord.Story(StoryRecord.of(facts, T.plusSeconds(120)))));
        assertThat(storyRow(old)).containsEntry("merged_into", null).containsEntry("size", 2)
                .containsEntry("coverage", coverage(2));
        store.store(List.of(merge(old, into, T.plusSeconds(90))));
        assertThat(storyRow(old)).containsEntry("merged_into", null).containsEntry("size", 2);

        // within one batch, as across batches
        String other = RankedEvents.unique("story");
        store.store(List.of(new RankedRecord.Story(StoryRecord.of(new StoryRef(other, null, 1, List.of(), T, T, 1.0),
                T.plusSeconds(60))), merge(other, into, T.plusSeconds(60))));
        assertThat(storyRow(other)).containsEntry("merged_into", into);
        store.store(List.of(merge(other, into, T.plusSeconds(90)), new RankedRecord.Story(StoryRecord.of(
                new StoryRef(other, null, 1, List.of(), T, T, 1.0), T.plusSeconds(120)))));
        assertThat(storyRow(other)).containsEntry("merged_into", null).containsEntry("size", 1);
    }

    /** Replaying the same records in the same order, one batch each or all in one, gives the same store. */
    @Test
    void shouldGiveTheSameStoreWhenMergesAndTheirMembersAreReplayed() throws SQLException {
        String a = RankedEvents.unique("story");
        String b = RankedEvents.unique("story");
        String c = RankedEvents.unique("story");
        Map<String, HeatScore> heats = new HashMap<>();
        ArticleEvent ofA = member(a, 1, 80, 5, T, null, heats);
        ArticleEvent ofB = member(b, 2, 70, 5, T, null, heats);
        ArticleEvent ofC = member(c, 5, 90, 2, T, null, heats);
        ArticleEvent lateOfA = member(a, 1, 60, 5, T.plusSeconds(30), null, heats);
        ArticleEvent afterMerge = member(a, 1, 50, 5, T.plusSeconds(200), null, heats);
        List<RankedRecord> records = List.of(new RankedRecord.Whole(ofA), new RankedRecord.Whole(ofB),
                merge(a, b, T.plusSeconds(60)), new RankedRecord.Whole(ofC), new RankedRecord.Whole(lateOfA),
                new RankedRecord.Update(update(ofB.articleId(), 1, T.plusSeconds(40), heat(70, 2, 1.1, 6, T), List.of(), b)),
                merge(b, c, T.plusSeconds(120)), new RankedRecord.Whole(afterMerge));

        records.forEach(r -> store.store(List.of(r)));
        Map<String, Object> first = snapshot(heats.keySet(), List.of(a, b, c));
        records.forEach(r -> store.store(List.of(r)));
        Map<String, Object> again = snapshot(heats.keySet(), List.of(a, b, c));
        store.store(records);
        Map<String, Object> inOneBatch = snapshot(heats.keySet(), List.of(a, b, c));

        assertThat(again).isEqualTo(first);
        assertThat(inOneBatch).isEqualTo(first);
        assertThat(article(ofA.articleId()).get("story_id")).isEqualTo(c);
        assertThat(article(ofB.articleId()).get("story_id")).isEqualTo(c);
        assertThat(article(lateOfA.articleId()).get("story_id")).isEqualTo(c);
        assertThat(article(afterMerge.articleId()).get("story_id")).isEqualTo(a);
    }

    /** Every index of related_link is one a query uses: its rows are the most written (V6 dropped the unused one). */
    @Test
    void shouldIndexTheLinkRowsOnlyAsTheQueriesReadThem() throws SQLException {
        assertThat(rows("select indexname from pg_indexes where tablename = ? order by indexname", "related_link"))
                .extracting(r -> r.get("indexname")).containsExactly("related_link_origin_idx", "related_link_pkey");
    }

    // ------------------------------------------------------------------ story counts

    /**
     * A story's live count and heat change by the deltas of the members a batch writes, and are counted again
     * from the members only where a delta cannot tell. A seeded random run of new members, new versions
     * (retracted, live again, in another story), ranking updates that move members or change their heat, story
     * facts with new coverage, and merges, a few records per batch, must leave every story row equal to its
     * members counted directly, after every batch.
     */
    @Test
    void shouldKeepEveryStorysCountsEqualToItsMembersCountedDirectly() throws SQLException {
        java.util.Random random = new java.util.Random(20261207);
        List<String> stories = java.util.stream.IntStream.range(0, 5).mapToObj(i -> RankedEvents.unique("story")).toList();
        List<RankedEvents> members = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        Instant at = T;
        int compared = 0;
        for (int step = 0; step < 150; step++) {
            List<RankedRecord> batch = new ArrayList<>();
            for (int r = 1 + random.nextInt(4); r > 0; r--) {
                at = at.plusSeconds(1);
                String story = stories.get(random.nextInt(stories.size()));
                int providers = 1 + random.nextInt(4);
                HeatScore heat = heat(10 + random.nextInt(90), providers, 1.1, random.nextInt(72), at);
                int kind = members.isEmpty() ? 0 : random.nextInt(10);
                if (kind < 4) {                                     // a new member
                    RankedEvents member = RankedEvents.article().story(story, null, 1).coverage(coverage(providers))
                            .heatScore(heat).rankedAt(at);
                    members.add(member);
                    versions.put(member.id(), 1L);
                    batch.add(new RankedRecord.Whole(member.build()));
                } else if (kind < 6) {                              // a new version: retracted or live again
                    RankedEvents member = members.get(random.nextInt(members.size()));
                    long version = versions.merge(member.id(), 1L, Long::sum);
                    boolean live = random.nextBoolean();
                    member.edit(b -> b.published(live)).version(version).story(story, null, 1)
                            .coverage(coverage(providers)).heatScore(heat).rankedAt(at);
                    batch.add(new RankedRecord.Whole(member.build()));
                } else if (kind < 8) {                              // a ranking update: other heat, maybe other story
                    RankedEvents member = members.get(random.nextInt(members.size()));
                    batch.add(new RankedRecord.Update(update(member.id(), versions.get(member.id()), at, heat, List.of(),
                            story)));
                } else if (kind < 9) {                              // the story's facts, with new coverage
                    batch.add(new RankedRecord.Story(StoryRecord.of(new StoryRef(story, members.get(0).id(), providers,
                            List.of("a.example"), T, T, coverage(providers)), at)));
                } else {                                            // a merge into another story
                    String into = stories.get(random.nextInt(stories.size()));
                    if (!into.equals(story)) {
                        batch.add(merge(story, into, at));
                    }
                }
            }
            store.store(batch);
            List<Map<String, Object>> counts = storyCounts(stories);
            for (Map<String, Object> row : counts) {
                assertThat(List.of(row.get("live_articles"), row.get("heat")))
                        .as("story %s after batch %d (%s)", row.get("id"), step,
                                batch.stream().map(r -> r.getClass().getSimpleName()).toList())
                        .isEqualTo(List.of(row.get("live_members"), row.get("hottest_member")));
            }
            compared += counts.size();
        }
        assertThat(compared).as("story rows compared").isGreaterThan(300);
        assertThat(storyCounts(stories).stream().mapToLong(r -> ((Number) r.get("live_members")).longValue()).sum())
                .as("live members in the stories at the end").isPositive();
    }

    /** Each story row's counts beside its members counted directly. */
    private List<Map<String, Object>> storyCounts(List<String> stories) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                select s.id, s.live_articles, s.heat,
                       (select count(*)::integer from article a where a.story_id = s.id and a.live) as live_members,
                       (select coalesce(max(a.heat), 0) from article a where a.story_id = s.id and a.live) as hottest_member
                from story s where s.id = any(?) order by s.id""")) {
            s.setArray(1, c.createArrayOf("text", stories.toArray()));
            try (ResultSet r = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(Map.of("id", r.getString(1), "live_articles", r.getInt(2), "heat", r.getInt(3),
                            "live_members", r.getInt(4), "hottest_member", r.getInt(5)));
                }
                return rows;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A whole record of a member of {@code story} ranked at {@code at}, its heat worked out with the story's
     * {@code providers}, on {@code topic} when given; its heat is kept in {@code heats}.
     */
    private static ArticleEvent member(String story, int providers, double quality, double ageHours, Instant at,
                                       String topic, Map<String, HeatScore> heats) {
        HeatScore heat = heat(quality, providers, 1.1, ageHours, at);
        RankedEvents member = RankedEvents.article().heatScore(heat).story(story, null, providers).coverage(coverage(providers))
                .rankedAt(at);
        if (topic != null) {
            member.topics(topic);
        }
        heats.put(member.id(), heat);
        return member.build();
    }

    private static RankedRecord merge(String story, String into, Instant at) {
        return new RankedRecord.Story(StoryRecord.merged(story, into, at, coverage(1)));
    }

    /** The rows of the articles and stories, as a reader of the store sees them. */
    private Map<String, Object> snapshot(java.util.Collection<String> articles, List<String> stories) throws SQLException {
        Map<String, Object> rows = new java.util.TreeMap<>();
        for (String id : articles) {
            rows.put("article " + id, article(id));
        }
        for (String id : stories) {
            rows.put("story " + id, rows("select * from story where id = ?", id));
        }
        return rows;
    }

    /** heat_base = heat_own × coverage and heat = round(heat_base × heat_recency), as the heat formula gives it. */
    private void assertMemberHeat(String id, HeatScore ranked, int providers) throws SQLException {
        Map<String, Object> row = article(id);
        double own = (double) row.get("heat_own");
        double recency = (double) row.get("heat_recency");
        assertThat(own).isCloseTo(ranked.component("quality").input() * ranked.component("provider").input(), within(1e-9));
        assertThat((double) row.get("heat_base")).isEqualTo(own * coverage(providers));
        assertThat((int) row.get("heat")).isEqualTo((int) Math.floor(own * coverage(providers) * recency + 0.5))
                .isEqualTo(ranked.withCoverage(providers, coverage(providers)).value());
    }

    private static double coverage(int providers) {
        return 1 + COVERAGE_WEIGHT * Math.log(providers);
    }

    private static HeatScore heat(double quality, int providers, double weight, double ageHours, Instant at) {
        return HeatScore.compute(quality, "the file's quality", providers, coverage(providers), weight,
                "weight of example.com", ageHours, 24, at, at);
    }

    private static RankingUpdate update(String id, long version, Instant rankedAt, HeatScore heat, List<RelatedLink> related,
                                        String storyId) {
        return new RankingUpdate(ArticleEvent.SCHEMA_VERSION, id, version, rankedAt, heat, related, storyId);
    }

    private static RelatedLink link(ArticleEvent to, double score) {
        return new RelatedLink(to.articleId(), score, LinkSource.COMPUTED, RelatedArticle.of(to.article()));
    }

    private Map<String, Object> article(String id) throws SQLException {
        List<Map<String, Object>> rows = rows("""
                select version, ranked_at, heat, heat_base, heat_own, heat_recency, trend_key, story_id, related_limit,
                       heat_score, document
                from article where id = ?""", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<String> ownLinks(String id) throws SQLException {
        return rows("select related_id from related_link where article_id = ? and origin = article_id order by position", id)
                .stream().map(r -> (String) r.get("related_id")).toList();
    }

    /** The article's topic and image rows, sorted: "topic <key>" and "image <url>". */
    private List<String> children(String id) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows("select topic_key from article_topic where article_id = ?", id).forEach(r -> rows.add("topic " + r.get("topic_key")));
        rows("select url from article_image where article_id = ?", id).forEach(r -> rows.add("image " + r.get("url")));
        return rows.stream().sorted().toList();
    }

    private List<Map<String, Object>> backlinks(String id) throws SQLException {
        return rows("""
                select origin, target_version, score, related_id, document from related_link
                where article_id = ? and origin <> article_id order by origin""", id);
    }

    private Long pending(String id) throws SQLException {
        List<Map<String, Object>> rows = rows("select version from ranking_pending where article_id = ?", id);
        return rows.isEmpty() ? null : (Long) rows.get(0).get("version");
    }

    private Map<String, Object> storyRow(String id) throws SQLException {
        return rows("select coverage, heat, live_articles, ranked_at, size, merged_into from story where id = ?", id).get(0);
    }

    private List<Map<String, Object>> rows(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (r.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        row.put(r.getMetaData().getColumnName(i),
                                value instanceof java.sql.Timestamp t ? t.toInstant() : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The ids of the article rows inserted or updated while {@code work} runs, once per row write (a trigger). */
    private List<String> countingArticleWrites(Runnable work) throws SQLException {
        String table = "article_writes_" + Long.toHexString(System.nanoTime());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id text)");
            s.execute("create function " + table + "() returns trigger language plpgsql as $$ begin insert into "
                    + table + " values (new.id); return new; end $$");
            s.execute("create trigger " + table + " after insert or update on article for each row execute function "
                    + table + "()");
        }
        try {
            work.run();
            List<String> ids = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select id from " + table)) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop trigger " + table + " on article");
                s.execute("drop function " + table + "()");
                s.execute("drop table " + table);
            }
        }
    }
}
