package dev.newsroom.ranking.quality;

import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.service.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The same-story evaluation over hand-labelled groups of articles reporting one event
 * ({@code same-story-groups.tsv}, built as RANKING.md describes), on the documents of
 * {@link RelatedLinksEvaluation}. Articles outside the groups count as stories of their own.
 */
public final class SameStoryEvaluation {

    /** Related links against the groups: precision and recall of the first 5 links of every group member. */
    public record LinkScores(double precisionAt5, double recallAt5, int relevantFound, int linksShown, int relevantPossible) {
        @Override
        public String toString() {
            return String.format("precision@5 %.2f (%d of %d links shown), recall@5 %.2f (%d of %d)", precisionAt5,
                    relevantFound, linksShown, recallAt5, relevantFound, relevantPossible);
        }
    }

    /** Stories against the groups, pair by pair: of the pairs put in one story, how many are labelled so, and back. */
    public record StoryScores(double pairPrecision, double pairRecall, int correctPairs, int predictedPairs, int labelledPairs) {
        @Override
        public String toString() {
            return String.format("pair precision %.2f (%d of %d), pair recall %.2f (%d of %d)", pairPrecision, correctPairs,
                    predictedPairs, pairRecall, correctPairs, labelledPairs);
        }
    }

    private SameStoryEvaluation() {
    }

    /** Story name → article ids. */
    public static Map<String, Set<String>> groups() {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        try (InputStream in = SameStoryEvaluation.class.getResourceAsStream("/same-story-groups.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t");
                    groups.computeIfAbsent(cells[0], g -> new LinkedHashSet<>()).add(cells[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }

    /**
     * Precision@5: of the first 5 links an article shows (fewer when fewer clear the bar), the share in its
     * group. Recall@5: of the min(5, group size − 1) group mates that could be shown, the share shown.
     * Both micro-averaged over every member of every group.
     */
    public static LinkScores links(Function<String, List<String>> relatedIds) {
        int found = 0;
        int shown = 0;
        int possible = 0;
        for (Set<String> group : groups().values()) {
            for (String id : group) {
                List<String> top = relatedIds.apply(id);
                top = top.subList(0, Math.min(5, top.size()));
                shown += top.size();
                possible += Math.min(5, group.size() - 1);
                found += (int) top.stream().filter(group::contains).count();
            }
        }
        return new LinkScores(shown == 0 ? 0 : (double) found / shown, (double) found / possible, found, shown, possible);
    }

    public static StoryScores stories(Corpus corpus) {
        Map<String, String> labelOf = new HashMap<>();
        groups().forEach((story, ids) -> ids.forEach(id -> labelOf.put(id, story)));
        Map<String, String> storyOf = new HashMap<>();
        for (ArticleEvent event : RelatedLinksEvaluation.documents()) {
            storyOf.put(event.articleId(), corpus.rank(event, SampleCorpus.INGESTED_AT).ranking().story().id());
        }
        return pairScores(labelOf, storyOf);
    }

    /**
     * How a clustering ({@code storyOf}: each article's computed story) agrees with labelled groups ({@code labelOf}:
     * the group of each labelled article; an article without one is a story of its own), pair by pair: of the pairs
     * put in one story, the share labelled so (precision), and of the labelled pairs, the share put in one story
     * (recall).
     */
    public static StoryScores pairScores(Map<String, String> labelOf, Map<String, String> storyOf) {
        Map<String, List<String>> predicted = new HashMap<>();
        storyOf.forEach((id, story) -> predicted.computeIfAbsent(story, s -> new java.util.ArrayList<>()).add(id));
        int predictedPairs = 0;
        int correct = 0;
        for (List<String> members : predicted.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    predictedPairs++;
                    String label = labelOf.get(members.get(i));
                    if (label != null && label.equals(labelOf.get(members.get(j)))) {
                        correct++;
                    }
                }
            }
        }
        Map<String, Integer> groupSizes = new HashMap<>();
        labelOf.values().forEach(label -> groupSizes.merge(label, 1, Integer::sum));
        int labelledPairs = groupSizes.values().stream().mapToInt(n -> n * (n - 1) / 2).sum();
        return new StoryScores(predictedPairs == 0 ? 0 : (double) correct / predictedPairs,
                labelledPairs == 0 ? 0 : (double) correct / labelledPairs, correct, predictedPairs, labelledPairs);
    }

    public static void main(String[] args) {
        Corpus corpus = RelatedLinksEvaluation.newsroom(Map.of());
        List<ArticleEvent> documents = RelatedLinksEvaluation.documents();
        System.out.println("groups: " + groups().size());
        System.out.println("newsroom links: " + links(RelatedLinksEvaluation.computedLinks(corpus)));
        System.out.println("mlt default links: " + links(new MoreLikeThisBaseline(documents, false).topLinks(5)));
        System.out.println("mlt tuned links: " + links(new MoreLikeThisBaseline(documents, true).topLinks(5)));
        System.out.println("newsroom stories: " + stories(corpus));
    }
}
