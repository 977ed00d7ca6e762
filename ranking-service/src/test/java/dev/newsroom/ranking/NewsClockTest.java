package dev.newsroom.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.ranking.service.NewsClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NewsClockTest {

    private static final Instant WALL = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void shouldFollowTheWallClockLessTheIngestDelayForALiveFeed() {
        NewsClock clock = new NewsClock(Clock.fixed(WALL, ZoneOffset.UTC));
        clock.observe(WALL.minusSeconds(30), WALL.minusSeconds(10));

        assertThat(clock.now()).isEqualTo(WALL.minusSeconds(20));
    }

    @Test
    void shouldNeverRunAheadOfTheWallClock() {
        NewsClock clock = new NewsClock(Clock.fixed(WALL, ZoneOffset.UTC));
        clock.observe(WALL.plus(Duration.ofHours(3)), WALL.minusSeconds(10));

        assertThat(clock.now()).isEqualTo(WALL);
    }

    @Test
    void shouldBeTheWallClockBeforeAnyArticle() {
        assertThat(new NewsClock(Clock.fixed(WALL, ZoneOffset.UTC)).now()).isEqualTo(WALL);
    }

    @Test
    void shouldStartAReplayedArchiveAtItsNewestArticleAndAdvanceWithTheWallClock() {
        Instant archiveNewest = Instant.parse("2020-04-27T12:00:00Z");
        NewsClock clock = new NewsClock(Clock.fixed(WALL, ZoneOffset.UTC));
        clock.observe(Instant.parse("2020-04-20T12:00:00Z"), WALL.minus(Duration.ofMinutes(5)));
        clock.observe(archiveNewest, WALL.minus(Duration.ofMinutes(2)));
        clock.observe(Instant.parse("2020-04-21T12:00:00Z"), WALL.minus(Duration.ofMinutes(1)));

        assertThat(clock.now()).isEqualTo(archiveNewest.plus(Duration.ofMinutes(2)));
    }
}
