package dev.newsroom.article.service;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.repository.ArticleReader.AsOfMember;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The news as it was at an instant {@code at}: stories and articles published by then, ordered by their
 * heat as of then ({@link HeatAsOf}), where a story's coverage counts only its members published by then.
 *
 * <p>Only articles published within {@code newsroom.articles.as-of.window} before {@code at} are
 * candidates (a story qualifies through any of them; its coverage then counts all its members published by
 * {@code at}): older ones have cooled to nothing (30 days are 30 half-lives: 2^-30 of their base). The
 * order is computed here, not stored, because it depends on {@code at}; what a page needs is a few light
 * columns per candidate, and first pages are kept rendered like every other.
 */
@ApplicationScoped
public class NewsAsOf {

    /** An article with its heat as of the instant asked. */
    public record Scored(AsOfMember member, double heat) {
        public String id() {
            return member.id();
        }
    }

    /**
     * A story as of an instant.
     *
     * @param members   its live members published by then, hottest first
     * @param providers the distinct providers they bring (their own and their editorial entries'), sorted
     */
    public record StoryAsOf(String id, double heat, List<Scored> members, List<String> providers) {
    }

    /** Hottest first, then by id (descending), as every keyset-paged order here. */
    public static final Comparator<Scored> HOTTEST = Comparator.comparingDouble(Scored::heat).reversed()
            .thenComparing(Scored::id, Comparator.reverseOrder());
    private static final Comparator<StoryAsOf> HOTTEST_STORY = Comparator.comparingDouble(StoryAsOf::heat).reversed()
            .thenComparing(StoryAsOf::id, Comparator.reverseOrder());

    private final ArticleReader reader;
    private final HeatAsOf heat;
    private final java.time.Duration window;

    public NewsAsOf(ArticleReader reader, ArticleServiceConfig config) {
        this.reader = reader;
        this.heat = new HeatAsOf(config.asOf().coverageWeight());
        this.window = config.asOf().window();
    }

    /** Stories with a live article published in the window before {@code at} (on the topic, if given), hottest as of {@code at} first. */
    public List<StoryAsOf> stories(String topic, Instant at) {
        List<String> ids = reader.storiesAsOf(topic, at.minus(window), at);
        List<StoryAsOf> stories = new ArrayList<>(score(reader.membersAsOf(ids, at), at, heat).values());
        stories.sort(HOTTEST_STORY);
        return stories;
    }

    /** One story as of {@code at}; null when none of its live members was published by then. */
    public StoryAsOf story(String id, Instant at) {
        return score(reader.membersAsOf(List.of(id), at), at, heat).get(id);
    }

    /** The articles matching the query (published in the window before its {@code at}), hottest as of {@code at} first. */
    public List<Scored> articles(ArticleQuery query) {
        List<String[]> candidates = reader.candidatesAsOf(query, query.at().minus(window));
        Map<String, Scored> scored = new HashMap<>();
        List<String> storyIds = candidates.stream().map(c -> c[1]).filter(java.util.Objects::nonNull).distinct().toList();
        for (StoryAsOf story : score(reader.membersAsOf(storyIds, query.at()), query.at(), heat).values()) {
            story.members().forEach(m -> scored.put(m.id(), m));
        }
        // ranking-service gives every article a story; one without would have no coverage to count
        return candidates.stream().map(c -> scored.get(c[0])).filter(java.util.Objects::nonNull).sorted(HOTTEST).toList();
    }

    /** Pure: the members grouped by story, each scored as of {@code at} with the coverage of the members given. */
    static Map<String, StoryAsOf> score(List<AsOfMember> members, Instant at, HeatAsOf heat) {
        Map<String, List<AsOfMember>> byStory = new LinkedHashMap<>();
        for (AsOfMember m : members) {
            if (!m.published().isAfter(at)) {
                byStory.computeIfAbsent(m.storyId(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, StoryAsOf> stories = new LinkedHashMap<>();
        byStory.forEach((id, list) -> {
            TreeSet<String> providers = new TreeSet<>();
            list.forEach(m -> providers.addAll(m.providers()));
            List<Scored> scored = list.stream()
                    .map(m -> new Scored(m, heat.heat(m.heatBase(), m.halfLifeHours(), m.storyProvidersRanked(),
                            providers.size(), m.published(), at)))
                    .sorted(HOTTEST).toList();
            stories.put(id, new StoryAsOf(id, scored.get(0).heat(), scored, List.copyOf(providers)));
        });
        return stories;
    }

    /** Whether an item of value {@code heat} and id {@code id} comes after the cursor in a hottest-first order. */
    public static boolean after(Cursor cursor, double heat, String id) {
        if (cursor == null) {
            return true;
        }
        double value = Double.parseDouble(cursor.value());
        return heat < value || (heat == value && id.compareTo(cursor.id()) < 0);
    }
}
