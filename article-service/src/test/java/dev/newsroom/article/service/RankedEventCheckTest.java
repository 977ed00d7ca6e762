package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.Ranking;
import dev.newsroom.model.event.StoryRecord;
import dev.newsroom.model.event.StoryRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankedEventCheckTest {

    @Test
    void shouldAcceptAWellFormedRankedArticle() {
        assertThat(RankedEventCheck.problemWith(RankedEvents.article().build())).isEmpty();
    }

    @Test
    void shouldNameWhatMakesARecordUnstorable() {
        ArticleEvent good = RankedEvents.article().build();
        Ranking r = good.ranking();
        assertThat(RankedEventCheck.problemWith(good.withRanking(null))).hasValueSatisfying(p -> assertThat(p).contains("ranking missing"));
        assertThat(RankedEventCheck.problemWith(new ArticleEvent(1, "NOT-AN-ID", 1, null, null, null, null, good.article(), r)))
                .hasValueSatisfying(p -> assertThat(p).contains("articleId"));
        assertThat(RankedEventCheck.problemWith(good.withRanking(new Ranking(null, r.heat(), r.related(), r.story()))))
                .hasValueSatisfying(p -> assertThat(p).contains("rankedAt"));
        StoryRef longStory = new StoryRef("s".repeat(65), null, 1, List.of(), null, null);
        assertThat(RankedEventCheck.problemWith(good.withRanking(new Ranking(r.rankedAt(), r.heat(), r.related(), longStory))))
                .hasValueSatisfying(p -> assertThat(p).contains("story id"));
        assertThat(RankedEventCheck.problemWith(RankedEvents.article().edit(b -> b.title(null)).build()))
                .hasValueSatisfying(p -> assertThat(p).contains("title"));
    }

    @Test
    void shouldAcceptAStoryMergeAndNameWhatMakesOneUnstorable() {
        Instant at = Instant.parse("2030-03-01T12:00:00Z");
        assertThat(RankedEventCheck.problemWith(StoryRecord.merged("old", "new", at, 1.0))).isEmpty();

        assertThat(RankedEventCheck.problemWith(StoryRecord.merged("old", "old", at, 1.0)))
                .hasValue("a story cannot be merged into itself: old");
        assertThat(RankedEventCheck.problemWith(StoryRecord.merged("old", "", at, 1.0)))
                .hasValue("mergedInto must be 1 to 64 characters");
        assertThat(RankedEventCheck.problemWith(StoryRecord.merged("old", "n".repeat(65), at, 1.0)))
                .hasValue("mergedInto must be 1 to 64 characters");
        StoryRef withMembers = new StoryRef("old", null, 3, List.of("a.example"), null, null, 1.0);
        assertThat(RankedEventCheck.problemWith(new StoryRecord(ArticleEvent.SCHEMA_VERSION, withMembers, at, "new")))
                .hasValue("a story merge must have size 0, was 3");
    }
}
