package dev.newsroom.article.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.repository.ArticleReader.Member;
import dev.newsroom.article.repository.ArticleReader.StoryRow;
import dev.newsroom.model.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stories hottest first, each with its lead article and its other coverage: what {@code /stories}, the
 * feeds and the web page show. A story's lead is the article ranking-service named, while it is live
 * here; otherwise the story's hottest live article.
 */
@ApplicationScoped
public class TopStories {

    /** A story with its lead article's row, for the feeds and the page. */
    public record Story(StoryView view, Member lead) {
    }

    /** Stories have one order, hottest first. */
    public static final String ORDER = "heat";
    /** The order of stories as of an instant: heat as of then, not rounded. */
    public static final String ORDER_AS_OF = "heat-as-of";

    private final ArticleReader reader;
    private final NewsAsOf asOf;

    public TopStories(ArticleReader reader, NewsAsOf asOf) {
        this.reader = reader;
        this.asOf = asOf;
    }

    /** A page of stories, and the cursor after it when there are more. */
    public record Page(List<Story> stories, Cursor next) {
    }

    /** Up to {@code size} stories after {@code after}, each with at most {@code coverage} other articles. */
    public Page page(String topic, Cursor after, int size, int coverage) {
        List<StoryRow> rows = reader.stories(topic, after, size + 1);
        if (rows.size() <= size) {
            return new Page(assemble(rows, coverage), null);
        }
        StoryRow last = rows.get(size - 1);
        return new Page(assemble(rows.subList(0, size), coverage), new Cursor(ORDER, Integer.toString(last.heat()), last.id()));
    }

    /** {@link #page} now, or {@link #pageAsOf} when {@code at} is given. */
    public Page page(String topic, Instant at, Cursor after, int size, int coverage) {
        return at == null ? page(topic, after, size, coverage) : pageAsOf(topic, at, after, size, coverage);
    }

    /** {@link #byId} now, or {@link #byIdAsOf} when {@code at} is given. */
    public Optional<Story> byId(String id, Instant at, int coverage) {
        return at == null ? byId(id, coverage) : byIdAsOf(id, at, coverage);
    }

    /** The order name of a cursor of stories listed now ({@code at} null) or as of an instant. */
    public static String order(Instant at) {
        return at == null ? ORDER : ORDER_AS_OF;
    }

    public Optional<Story> byId(String id, int coverage) {
        StoryRow row = reader.story(id);
        if (row == null || row.liveArticles() == 0) {
            return Optional.empty();
        }
        return assemble(List.of(row), coverage).stream().findFirst();
    }

    private List<Story> assemble(List<StoryRow> rows, int coverage) {
        Map<String, List<Member>> members = new LinkedHashMap<>();
        for (Member m : reader.members(rows.stream().map(StoryRow::id).toList())) {
            members.computeIfAbsent(m.storyId(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Member> leads = new LinkedHashMap<>();
        for (StoryRow row : rows) {
            List<Member> live = members.getOrDefault(row.id(), List.of());
            if (!live.isEmpty()) {
                leads.put(row.id(), live.stream().filter(m -> m.id().equals(row.leadArticleId())).findFirst()
                        .orElse(live.get(0)));
            }
        }
        Map<String, String> documents = reader.documents(leads.values().stream().map(Member::id).toList());
        List<Story> stories = new ArrayList<>();
        for (StoryRow row : rows) {
            Member lead = leads.get(row.id());
            if (lead == null || !documents.containsKey(lead.id())) {
                continue; // its last live article was retracted since the story was read
            }
            List<StoryView.Coverage> others = members.get(row.id()).stream().filter(m -> !m.id().equals(lead.id()))
                    .limit(coverage)
                    .map(m -> new StoryView.Coverage(m.id(), m.title(), m.webUrl(), m.published(),
                            new StoryView.ProviderRef(m.providerName(), m.providerDomain()), m.heat()))
                    .toList();
            StoryView view = new StoryView(row.id(), row.heat(), row.size(), row.liveArticles(), providers(row.providers()),
                    row.firstPublished(), row.lastPublished(), row.rankedAt(), documents.get(lead.id()), others);
            stories.add(new Story(view, lead));
        }
        return stories;
    }

    /**
     * The page of stories as they were at {@code at} ({@link NewsAsOf}): only members published by then,
     * heat as of then (rounded), coverage hottest first; the lead is ranking-service's while it was published
     * by then, else the story's hottest member. The cursor's value is the story's heat as of {@code at}.
     */
    public Page pageAsOf(String topic, Instant at, Cursor after, int size, int coverage) {
        List<NewsAsOf.StoryAsOf> all = asOf.stories(topic, at).stream()
                .filter(s -> NewsAsOf.after(after, s.heat(), s.id())).limit(size + 1L).toList();
        List<NewsAsOf.StoryAsOf> page = all.size() > size ? all.subList(0, size) : all;
        Cursor next = all.size() > size
                ? new Cursor(ORDER_AS_OF, Double.toString(page.get(size - 1).heat()), page.get(size - 1).id()) : null;
        return new Page(assembleAsOf(page, coverage), next);
    }

    /** One story as it was at {@code at}, with at most {@code coverage} other members. */
    public Optional<Story> byIdAsOf(String id, Instant at, int coverage) {
        NewsAsOf.StoryAsOf story = asOf.story(id, at);
        return story == null ? Optional.empty() : assembleAsOf(List.of(story), coverage).stream().findFirst();
    }

    private List<Story> assembleAsOf(List<NewsAsOf.StoryAsOf> page, int coverage) {
        List<String> ids = page.stream().map(NewsAsOf.StoryAsOf::id).toList();
        Map<String, StoryRow> rows = reader.storiesById(ids);
        Map<String, Member> brief = new LinkedHashMap<>();
        reader.members(ids).forEach(m -> brief.put(m.id(), m));
        Map<String, Member> leads = new LinkedHashMap<>();
        for (NewsAsOf.StoryAsOf story : page) {
            StoryRow row = rows.get(story.id());
            NewsAsOf.Scored lead = story.members().stream()
                    .filter(m -> row != null && m.id().equals(row.leadArticleId())).findFirst()
                    .orElse(story.members().get(0));
            Member m = brief.get(lead.id());
            if (m != null) {
                leads.put(story.id(), withHeat(m, lead.heat()));
            }
        }
        Map<String, String> documents = reader.documents(leads.values().stream().map(Member::id).toList());
        List<Story> stories = new ArrayList<>();
        for (NewsAsOf.StoryAsOf story : page) {
            Member lead = leads.get(story.id());
            if (lead == null || !documents.containsKey(lead.id())) {
                continue; // retracted since it was read
            }
            List<StoryView.Coverage> others = story.members().stream().filter(m -> !m.id().equals(lead.id()))
                    .map(m -> brief.containsKey(m.id()) ? withHeat(brief.get(m.id()), m.heat()) : null)
                    .filter(java.util.Objects::nonNull).limit(coverage)
                    .map(m -> new StoryView.Coverage(m.id(), m.title(), m.webUrl(), m.published(),
                            new StoryView.ProviderRef(m.providerName(), m.providerDomain()), m.heat()))
                    .toList();
            List<Instant> published = story.members().stream().map(m -> m.member().published()).sorted().toList();
            StoryRow row = rows.get(story.id());
            StoryView view = new StoryView(story.id(), (int) Math.round(story.heat()), story.members().size(),
                    story.members().size(), story.providers(), published.get(0), published.get(published.size() - 1),
                    row == null ? null : row.rankedAt(), documents.get(lead.id()), others);
            stories.add(new Story(view, lead));
        }
        return stories;
    }

    private static Member withHeat(Member m, double heat) {
        return new Member(m.id(), m.storyId(), m.title(), m.webUrl(), m.published(), m.providerName(), m.providerDomain(),
                (int) Math.round(heat));
    }

    private static List<String> providers(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
