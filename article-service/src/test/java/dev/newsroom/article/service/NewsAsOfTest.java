package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.article.repository.ArticleReader.AsOfMember;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewsAsOfTest {

    private static final Instant DAY = Instant.parse("2020-04-22T00:00:00Z");
    private final HeatAsOf heat = new HeatAsOf(0.25);

    private static AsOfMember member(String id, String story, int hours, double base, String... providers) {
        return new AsOfMember(id, story, DAY.plusSeconds(hours * 3600L), base, 24, 3, List.of(providers));
    }

    @Test
    void shouldScoreAStoryByItsHottestMemberWithTheCoverageOfThen() {
        Instant at = DAY.plusSeconds(12 * 3600);
        Map<String, NewsAsOf.StoryAsOf> stories = NewsAsOf.score(List.of(
                member("a", "s", 0, 100, "a.example", "editorial.example"),
                member("b", "s", 10, 80, "b.example"),
                member("c", "s", 20, 300, "c.example")), at, heat);

        NewsAsOf.StoryAsOf story = stories.get("s");
        assertThat(story.members()).extracting(NewsAsOf.Scored::id).containsExactly("b", "a");
        assertThat(story.providers()).containsExactly("a.example", "b.example", "editorial.example");
        double expectedB = 80 * Math.pow(0.5, 2 / 24.0); // three providers then, as when ranked
        assertThat(story.heat()).isCloseTo(expectedB, within(1e-9));
    }

    @Test
    void shouldLowerTheHeatOfAStoryWhoseOtherProvidersHadNotPublishedYet() {
        Instant at = DAY.plusSeconds(3600);
        NewsAsOf.StoryAsOf story = NewsAsOf.score(List.of(member("a", "s", 0, 100, "a.example"),
                member("b", "s", 10, 80, "b.example")), at, heat).get("s");

        assertThat(story.providers()).containsExactly("a.example");
        assertThat(story.heat()).isCloseTo(100 / heat.coverage(3) * Math.pow(0.5, 1 / 24.0), within(1e-9));
    }

    @Test
    void shouldPageAfterACursorInHottestFirstOrder() {
        Cursor cursor = new Cursor("heat-as-of", "10.5", "m");
        assertThat(NewsAsOf.after(cursor, 10.4, "z")).isTrue();
        assertThat(NewsAsOf.after(cursor, 10.5, "a")).isTrue();
        assertThat(NewsAsOf.after(cursor, 10.5, "m")).isFalse();
        assertThat(NewsAsOf.after(cursor, 10.6, "a")).isFalse();
        assertThat(NewsAsOf.after(null, 0, "a")).isTrue();
    }
}
