package dev.newsroom.ranking.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.service.Corpus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality figures of RANKING.md, measured on the bundled samples with the service's defaults, side by
 * side with Lucene's MoreLikeThis. The floors are what the code reaches today: a change that ranks worse
 * fails the build. Runs in about a second: no Kafka, no container.
 */
class RankingQualityTest {

    private static Corpus newsroom;
    private static List<ArticleEvent> documents;

    @BeforeAll
    static void indexTheSamples() {
        newsroom = RelatedLinksEvaluation.newsroom(Map.of());
        documents = RelatedLinksEvaluation.documents();
    }

    @Test
    void shouldRecoverAtLeast82PercentOfTheEditorialLinksInItsTop5() {
        RelatedLinksEvaluation.Recovery ours = RelatedLinksEvaluation.recovery(RelatedLinksEvaluation.computedLinks(newsroom), 5);
        RelatedLinksEvaluation.Recovery mltDefault = RelatedLinksEvaluation.recovery(
                new MoreLikeThisBaseline(documents, false).topLinks(5), 5);
        RelatedLinksEvaluation.Recovery mltTuned = RelatedLinksEvaluation.recovery(
                new MoreLikeThisBaseline(documents, true).topLinks(5), 5);
        System.out.printf("editorial links recovered in the top 5 (%d documents): newsroom %s | MoreLikeThis default %s | tuned %s%n",
                documents.size(), ours, mltDefault, mltTuned);

        assertThat(ours.pairs()).isEqualTo(83);
        assertThat(ours.recovered()).isGreaterThanOrEqualTo(68);
        assertThat(ours.rate()).isGreaterThanOrEqualTo(0.819).isGreaterThan(mltTuned.rate()).isGreaterThan(mltDefault.rate());
    }

    @Test
    void shouldLinkTheLabelledSameStoryGroupsBetterThanMoreLikeThis() {
        SameStoryEvaluation.LinkScores ours = SameStoryEvaluation.links(RelatedLinksEvaluation.computedLinks(newsroom));
        SameStoryEvaluation.LinkScores mlt = SameStoryEvaluation.links(new MoreLikeThisBaseline(documents, true).topLinks(5));
        System.out.printf("same-story groups, related links: newsroom %s | MoreLikeThis tuned %s%n", ours, mlt);

        assertThat(ours.recallAt5()).isGreaterThanOrEqualTo(0.90).isGreaterThan(mlt.recallAt5());
        assertThat(ours.precisionAt5()).isGreaterThanOrEqualTo(0.68).isGreaterThan(mlt.precisionAt5());
    }

    @Test
    void shouldClusterTheLabelledSameStoryGroups() {
        SameStoryEvaluation.StoryScores stories = SameStoryEvaluation.stories(newsroom);
        System.out.printf("same-story groups, stories: %s%n", stories);

        assertThat(stories.pairPrecision()).isGreaterThanOrEqualTo(0.72);
        assertThat(stories.pairRecall()).isGreaterThanOrEqualTo(0.65);
    }
}
