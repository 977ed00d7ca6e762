package dev.newsroom.article.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.repository.ArticleReader.Member;
import dev.newsroom.article.repository.ArticleReader.StoryRow;
import dev.newsroom.model.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final ArticleReader reader;

    public TopStories(ArticleReader reader) {
        this.reader = reader;
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

    private static List<String> providers(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
