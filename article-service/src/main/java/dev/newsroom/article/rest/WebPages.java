package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.repository.ArticleReader;
import dev.newsroom.article.service.ArticleQuery;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.HeatAsOf;
import dev.newsroom.article.service.HeatBreakdown;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.article.service.StoryView;
import dev.newsroom.article.service.TopStories;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The web pages for people, rendered on the server with Qute (templates in {@code templates/WebPages/}):
 * the front page ({@code /}: top stories, or search results), one story ({@code /stories/{id}}) and one
 * article ({@code /articles/{id}}). No script at all; the style is {@code /newsroom.css}. Every text is
 * escaped by Qute; every address from a record is rendered only through {@code link:http}.
 */
@ApplicationScoped
public class WebPages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private static final int TOPICS_SHOWN = 24;
    private static final int PROVIDERS_NAMED = 3;

    /** A topic chip. */
    public record TopicLink(String name, String href, boolean current) {
    }

    /**
     * A story on the front page: its lead, when, its heat, and how much more coverage it has from whom
     * ({@code coverage}: "Full coverage: 4 more from Reuters, ZDNet, …", or, for a story of one article, the
     * publisher's own related links: "Full coverage: 2 linked from The Guardian, …").
     */
    public record StoryCard(String id, ArticleCard lead, String when, int heat, String href, String coverage) {
    }

    /** A search result. */
    public record ResultCard(ArticleCard article, String when, String href) {
    }

    /** The front page. {@code atDate} is the date input's value, {@code at} the link parameter. */
    public record Front(String title, String heading, String topic, String q, String at, String atDate, boolean asOf,
                        List<StoryCard> stories, List<ResultCard> results, List<TopicLink> topics, String feedPath,
                        String nextHref, String firstHref, String nowHref) {
    }

    /** An article of a story's coverage. */
    public record Entry(String id, String title, String webUrl, String provider, String when, int heat, String href,
                        boolean lead) {
    }

    /** One story: the whole coverage in time order, why it is hot and its providers. */
    public record StoryPage(String title, ArticleCard lead, String when, int heat, HeatBreakdown why, List<Entry> coverage,
                            List<ArticleCard.Related> linked, List<String> providers, boolean asOf, String asOfLabel,
                            String homeHref) {
    }

    /** One article with its related links, topics and provider. */
    public record ArticlePage(String title, ArticleCard article, String when, HeatBreakdown why, List<TopicLink> topics,
                              String storyHref) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance front(Front page);

        static native TemplateInstance story(StoryPage page);

        static native TemplateInstance article(ArticlePage page);
    }

    private final TopStories stories;
    private final ArticleReader reader;
    private final ArticleServiceConfig config;
    private final HeatAsOf heatAsOf;

    public WebPages(TopStories stories, ArticleReader reader, ArticleServiceConfig config) {
        this.stories = stories;
        this.reader = reader;
        this.config = config;
        this.heatAsOf = new HeatAsOf(config.asOf().coverageWeight());
    }

    /** Query parameters without the empty ones a GET form sends for fields left blank. */
    static MultivaluedMap<String, String> withoutBlanks(MultivaluedMap<String, String> parameters) {
        MultivaluedMap<String, String> kept = new MultivaluedHashMap<>();
        parameters.forEach((name, values) -> values.stream().filter(v -> v != null && !v.isBlank())
                .forEach(v -> kept.add(name, v)));
        return kept;
    }

    /**
     * The front page: top stories (or, with {@code q}, search results), on a topic, as of an instant.
     *
     * @param atText the {@code at} parameter as given (kept in links), null when absent
     */
    Rendered front(String topic, String topicKey, String q, Instant at, String atText, Cursor after) {
        Instant now = Instant.now();
        boolean asOf = at != null;
        String title = config.feeds().title() + (q != null ? ": " + q : topic == null ? "" : ": " + topic);
        String heading = (q != null ? "Results for \u201c" + q + "\u201d" : "Top stories")
                + (topic == null ? "" : " on " + topic) + (asOf ? " as of " + RelativeTime.day(at) : "");
        List<StoryCard> cards = new ArrayList<>();
        List<ResultCard> results = new ArrayList<>();
        String nextCursor;
        if (q != null) {
            ArticleQuery query = new ArticleQuery(topicKey, null, null, null, null, null, q, ArticleQuery.Sort.RELEVANCE,
                    config.paging().defaultSize(), after, at);
            List<ArticleReader.Row> rows = reader.articles(query);
            boolean more = rows.size() > query.size();
            List<ArticleReader.Row> items = more ? rows.subList(0, query.size()) : rows;
            for (ArticleReader.Row row : items) {
                ArticleCard card = ArticleCard.of(row.document());
                results.add(new ResultCard(card, RelativeTime.of(card.published(), now, asOf), "/articles/" + enc(card.id())));
            }
            nextCursor = more ? items.get(items.size() - 1).cursor().encode() : null;
        } else {
            TopStories.Page page = stories.page(topicKey, at, after, config.feeds().size(), config.paging().storyCoverage());
            for (TopStories.Story story : page.stories()) {
                ArticleCard lead = ArticleCard.of(story.view().lead());
                int more = story.view().articles() - 1;
                List<String> names = story.view().coverage().stream()
                        .map(c -> c.provider().name() != null ? c.provider().name() : c.provider().domain()).toList();
                String coverage = "Full coverage: " + more + " more" + from(names);
                if (more <= 0) {
                    List<ArticleCard.Related> linked = lead.related().stream().filter(ArticleCard.Related::editorial).toList();
                    coverage = linked.isEmpty() ? "About this story"
                            : "Full coverage: " + linked.size() + " linked" + from(linked.stream().map(ArticleCard.Related::providerName).toList());
                }
                cards.add(new StoryCard(story.view().id(), lead, RelativeTime.of(lead.published(), now, asOf),
                        story.lead().heat(), storyHref(story.view().id(), atText), coverage));
            }
            nextCursor = page.next() == null ? null : page.next().encode();
        }
        List<TopicLink> topics = new ArrayList<>(reader.topics(null, TOPICS_SHOWN).stream()
                .map(t -> t.name() == null ? t.key() : t.name())
                .map(name -> new TopicLink(name, home(name, null, atText, null), name.equalsIgnoreCase(topic == null ? "" : topic)))
                .toList());
        if (topic != null && topics.stream().noneMatch(TopicLink::current)) {
            topics.add(0, new TopicLink(topic, home(topic, null, atText, null), true)); // a topic beyond the chips shown
        }
        String feedPath = topic == null ? "/feeds/stories"
                : "/feeds/topics/" + URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20") + "/stories";
        Front front = new Front(title, heading, topic, q, atText, asOf ? at.toString().substring(0, 10) : null, asOf,
                cards, results, topics, feedPath, nextCursor == null ? null : home(topic, q, atText, nextCursor),
                after == null ? null : home(topic, q, atText, null), asOf ? home(topic, q, null, null) : null);
        return Rendered.of(Templates.front(front).render(), HTML);
    }

    /** The page of one story; 404 when none of its live articles was published (by {@code at}). */
    Rendered story(String id, Instant at) {
        Instant now = Instant.now();
        boolean asOf = at != null;
        TopStories.Story story = stories.byId(id, at, StoryResource.MAX_STORY_COVERAGE)
                .orElseThrow(() -> new NotFoundException("no story with id " + id));
        StoryView view = story.view();
        ArticleCard lead = ArticleCard.of(view.lead());
        List<Entry> coverage = new ArrayList<>();
        coverage.add(new Entry(lead.id(), lead.title(), lead.webUrl(), lead.provider(), RelativeTime.of(lead.published(), now, asOf),
                story.lead().heat(), "/articles/" + enc(lead.id()), true));
        Map<String, String> providerNames = new LinkedHashMap<>();
        if (lead.providerDomain() != null) {
            providerNames.put(lead.providerDomain().toLowerCase(java.util.Locale.ROOT), lead.provider());
        }
        for (StoryView.Coverage c : view.coverage()) {
            String name = c.provider().name() != null ? c.provider().name() : c.provider().domain();
            coverage.add(new Entry(c.id(), c.title(), c.webUrl(), name == null ? "unknown provider" : name,
                    RelativeTime.of(c.publishedDateTime(), now, asOf), c.heat(), "/articles/" + enc(c.id()), false));
            if (c.provider().domain() != null && name != null) {
                providerNames.putIfAbsent(c.provider().domain().toLowerCase(java.util.Locale.ROOT), name);
            }
        }
        Map<String, Instant> published = new LinkedHashMap<>();
        published.put(lead.id(), lead.published());
        view.coverage().forEach(c -> published.put(c.id(), c.publishedDateTime()));
        coverage.sort(Comparator.comparing((Entry e) -> published.get(e.id()), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Entry::id));
        List<String> providers = view.providers().stream().map(d -> providerNames.getOrDefault(d, d)).toList();
        HeatBreakdown why = lead.explanation() == null ? null
                : HeatBreakdown.of(lead.explanation(), lead.published(), at, view.providers().size(), heatAsOf);
        List<ArticleCard.Related> linked = lead.related().stream().filter(ArticleCard.Related::editorial).toList();
        StoryPage page = new StoryPage(lead.title(), lead, RelativeTime.of(lead.published(), now, asOf), view.heat(), why,
                coverage, linked, providers, asOf, asOf ? RelativeTime.day(at) : null, asOf ? home(null, null, at.toString(), null) : "/");
        return Rendered.of(Templates.story(page).render(), HTML);
    }

    /** The page of one live article (the caller answered 404 and 410 already). */
    Rendered article(String id) {
        ArticleReader.Document document = reader.document(id);
        if (document == null) {
            throw new NotFoundException("no article with id " + id);
        }
        if (!document.live()) {
            throw new GoneException("article " + id + " was retracted by its publisher");
        }
        ArticleCard article = ArticleCard.of(document.json());
        List<TopicLink> topics = article.topics().stream().map(t -> new TopicLink(t, home(t, null, null, null), false)).toList();
        HeatBreakdown why = article.explanation() == null ? null
                : HeatBreakdown.of(article.explanation(), article.published(), null, 0, heatAsOf);
        ArticlePage page = new ArticlePage(article.title(), article, RelativeTime.of(article.published(), Instant.now(), false),
                why, topics, article.storyId() == null ? null : storyHref(article.storyId(), null));
        return Rendered.of(Templates.article(page).render(), HTML);
    }

    /** " from A, B, C, …": the first few distinct names. */
    private static String from(List<String> providers) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(providers.stream().filter(n -> n != null && !n.isBlank()).toList()));
        if (names.isEmpty()) {
            return "";
        }
        return " from " + (names.size() <= PROVIDERS_NAMED ? String.join(", ", names)
                : String.join(", ", names.subList(0, PROVIDERS_NAMED)) + ", \u2026");
    }

    private static String storyHref(String id, String at) {
        return "/stories/" + enc(id) + (at == null ? "" : "?at=" + enc(at));
    }

    /** The front page's address with these parameters. */
    static String home(String topic, String q, String at, String cursor) {
        StringBuilder href = new StringBuilder("/");
        char sep = '?';
        for (String[] p : new String[][] {{"topic", topic}, {"q", q}, {"at", at}, {"cursor", cursor}}) {
            if (p[1] != null) {
                href.append(sep).append(p[0]).append('=').append(enc(p[1]));
                sep = '&';
            }
        }
        return href.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
