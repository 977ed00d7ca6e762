package dev.newsroom.article.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.newsroom.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Top stories as feeds: RSS 2.0 and Atom 1.0 written by Rome, JSON Feed 1.1 by Jackson. One entry per
 * story: the lead article's title, link, excerpt, provider and topics, and the other coverage named in
 * the text. Every link is absolute; the entry's id is the story's address on this service, so a feed
 * reader sees one entry per story even when its lead changes.
 *
 * <p>Links from the stored records pass {@link SafeLink}: an entry links to its lead article only when that
 * address is an absolute http(s) URL, else to the story's address on this service (Atom wants an alternate
 * link on an entry without content); an image that is not one is left out. Text is plain text everywhere
 * (Atom {@code type="text"}, JSON Feed {@code content_text} and {@code summary}) except in RSS, whose item
 * {@code description} readers treat as HTML: there it is HTML-escaped before Rome XML-escapes it.
 */
public final class FeedWriter {

    public static final String RSS = "application/rss+xml";
    public static final String ATOM = "application/atom+xml";
    public static final String JSON_FEED = "application/feed+json";

    /**
     * @param homeUrl  the web page the feed belongs to
     * @param selfUrl  the feed's own address
     * @param storyUrl a story's address on this service, by story id
     */
    public record Feed(String title, String description, String homeUrl, String selfUrl,
                       Function<String, String> storyUrl, List<TopStories.Story> stories) {
    }

    private FeedWriter() {
    }

    public static String rss(Feed feed) {
        return write(feed, "rss_2.0");
    }

    public static String atom(Feed feed) {
        return write(feed, "atom_1.0");
    }

    private static String write(Feed feed, String type) {
        SyndFeed out = new SyndFeedImpl();
        out.setFeedType(type);
        out.setTitle(feed.title());
        out.setDescription(feed.description());
        out.setLink(feed.homeUrl());
        out.setUri(feed.selfUrl());
        out.setLinks(List.of(link("alternate", feed.homeUrl(), "text/html"),
                link("self", feed.selfUrl(), type.startsWith("rss") ? "application/rss+xml" : ATOM)));
        out.setPublishedDate(Date.from(updated(feed)));
        List<SyndEntry> entries = new ArrayList<>();
        for (TopStories.Story story : feed.stories()) {
            Lead lead = Lead.of(story);
            SyndEntry entry = new SyndEntryImpl();
            String storyUrl = feed.storyUrl().apply(story.view().id());
            entry.setTitle(lead.title());
            entry.setLink(lead.url() != null ? lead.url() : storyUrl);
            entry.setUri(storyUrl);
            entry.setPublishedDate(Date.from(lead.published()));
            entry.setUpdatedDate(Date.from(updated(story)));
            entry.setAuthor(lead.provider());
            SyndContent description = new SyndContentImpl();
            if (type.startsWith("rss")) {
                description.setType("text/html");
                description.setValue(html(text(story, lead)));
            } else {
                description.setType("text/plain");
                description.setValue(text(story, lead));
            }
            entry.setDescription(description);
            List<SyndCategory> categories = new ArrayList<>();
            for (String topic : lead.topics()) {
                SyndCategory category = new SyndCategoryImpl();
                category.setName(topic);
                categories.add(category);
            }
            entry.setCategories(categories);
            entries.add(entry);
        }
        out.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(out, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the " + type + " feed", e);
        }
    }

    /** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): version, title and items with id and content_text, and more. */
    public static String jsonFeed(Feed feed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "https://jsonfeed.org/version/1.1");
        out.put("title", feed.title());
        out.put("home_page_url", feed.homeUrl());
        out.put("feed_url", feed.selfUrl());
        out.put("description", feed.description());
        out.put("language", "en");
        List<Map<String, Object>> items = new ArrayList<>();
        for (TopStories.Story story : feed.stories()) {
            Lead lead = Lead.of(story);
            Map<String, Object> item = new LinkedHashMap<>();
            String storyUrl = feed.storyUrl().apply(story.view().id());
            item.put("id", storyUrl);
            item.put("url", lead.url() != null ? lead.url() : storyUrl);
            item.put("title", lead.title());
            item.put("content_text", text(story, lead));
            if (lead.excerpt() != null) {
                item.put("summary", lead.excerpt());
            }
            if (lead.image() != null) {
                item.put("image", lead.image());
            }
            item.put("date_published", lead.published().toString());
            item.put("date_modified", updated(story).toString());
            if (lead.provider() != null) {
                item.put("authors", List.of(Map.of("name", lead.provider())));
            }
            item.put("tags", lead.topics());
            item.put("_newsroom", Map.of("storyId", story.view().id(), "heat", story.view().heat(),
                    "articles", story.view().articles()));
            items.add(item);
        }
        out.put("items", items);
        return Json.write(out);
    }

    private static String text(TopStories.Story story, Lead lead) {
        StringBuilder text = new StringBuilder(lead.excerpt() == null ? lead.title() : lead.excerpt());
        if (!story.view().coverage().isEmpty()) {
            text.append("\n\nAlso covered by: ");
            text.append(String.join("; ", story.view().coverage().stream()
                    .map(c -> (c.provider().name() == null ? c.provider().domain() : c.provider().name()) + ": " + c.title())
                    .toList()));
        }
        return text.toString();
    }

    /** Plain text as HTML text: the five characters HTML gives a meaning escaped. */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Instant updated(TopStories.Story story) {
        StoryView v = story.view();
        Instant lead = story.lead().published();
        return v.lastPublished() != null && v.lastPublished().isAfter(lead) ? v.lastPublished() : lead;
    }

    private static Instant updated(Feed feed) {
        return feed.stories().stream().map(FeedWriter::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    /**
     * What a feed entry shows of the lead article, from its rendered document.
     *
     * @param url   its address when it may be linked ({@link SafeLink}), else null
     * @param image its first image that may be linked, else null
     */
    record Lead(String title, String url, String excerpt, Instant published, String provider, List<String> topics,
                String image) {
        static Lead of(TopStories.Story story) {
            JsonNode doc;
            try {
                doc = Json.mapper().readTree(story.view().lead());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> topics = new ArrayList<>();
            doc.path("topics").forEach(t -> topics.add(t.asText()));
            String image = null;
            for (JsonNode i : doc.path("images")) {
                image = SafeLink.orNull(i.path("url").asText(null));
                if (image != null) {
                    break;
                }
            }
            return new Lead(story.lead().title(), SafeLink.orNull(story.lead().webUrl()), doc.path("excerpt").isTextual()
                    ? doc.path("excerpt").asText() : null, story.lead().published(),
                    story.lead().providerName() != null ? story.lead().providerName() : story.lead().providerDomain(),
                    topics, image);
        }
    }
}
