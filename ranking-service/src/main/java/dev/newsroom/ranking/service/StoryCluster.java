package dev.newsroom.ranking.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One story of the {@link CorpusIndex}: a connected component of the same-event graph, with its facts kept
 * up to date as articles join, so that ranking a member costs the same in a story of 10 members as in one
 * of 1,000. Its name is its earliest member's id ({@link IndexedArticle#PUBLICATION_ORDER}); its lead is
 * the member of highest quality, then the most connected, then the earliest; its providers are its
 * members' ({@link IndexedArticle#providers}), each listed where it first appears in publication order.
 *
 * <p>Joining is incremental: a new edge inside the story only raises its two ends' degrees, so the lead
 * is the best of the old lead and those two; two stories joined by an edge become the larger one, with
 * the smaller one's members moved into it ({@link #absorb}, so a member moves O(log n) times in all). A
 * member leaving may split a story: the index then works out the parts again ({@link #of}). Mutable, owned
 * by the index (which serialises access).
 */
final class StoryCluster {

    /** Where a provider first appears: its member, and its place among that member's providers. */
    private record FirstSeen(IndexedArticle member, int position) {

        static final Comparator<FirstSeen> ORDER = Comparator.comparing(FirstSeen::member, IndexedArticle.PUBLICATION_ORDER)
                .thenComparingInt(FirstSeen::position);
    }

    // Most stories are one article: theirs have neither list nor map (null), their facts are their member's;
    // a join makes them (grow).
    /** The members, null while the story is its one member ({@link #first}). */
    private List<IndexedArticle> members;
    /** Where each provider first appears, null while the story is its one member. */
    private Map<String, FirstSeen> providers;
    private IndexedArticle first;
    private IndexedArticle last;
    private IndexedArticle lead;
    /** The providers in order, worked out when asked and kept until they change. */
    private List<String> providerList;

    private StoryCluster() {
    }

    /**
     * The articles reachable from {@code start} through same-story edges, walking only those {@code allowed}
     * accepts ({@code start} included): its story, or a part of it.
     */
    static List<IndexedArticle> componentOf(IndexedArticle start, Predicate<IndexedArticle> allowed) {
        List<IndexedArticle> members = new ArrayList<>();
        if (start.sameStoryCount() == 0) {
            // most articles are a story of their own: no set and queue (loading 171,649 articles, they made
            // one young collection more, and each copies the graph loaded so far)
            members.add(start);
            return members;
        }
        Set<IndexedArticle> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<IndexedArticle> queue = new ArrayDeque<>();
        queue.add(start);
        seen.add(start);
        while (!queue.isEmpty()) {
            IndexedArticle next = queue.poll();
            members.add(next);
            for (int i = 0; i < next.sameStoryCount(); i++) {
                IndexedArticle other = next.sameStory(i);
                if (allowed.test(other) && seen.add(other)) {
                    queue.add(other);
                }
            }
        }
        return members;
    }

    /**
     * The parts this story falls into without the articles of {@code without} (articles that just arrived:
     * the stories their members belonged to before), each in no particular order.
     */
    List<List<IndexedArticle>> partsWithout(Set<IndexedArticle> without) {
        Set<IndexedArticle> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        List<List<IndexedArticle>> parts = new ArrayList<>();
        for (IndexedArticle start : members()) {
            if (without.contains(start) || placed.contains(start)) {
                continue; // in the batch, or in a part found already
            }
            List<IndexedArticle> part = componentOf(start, member -> !without.contains(member));
            placed.addAll(part);
            parts.add(part);
        }
        return parts;
    }

    /** A story of {@code members} (a whole connected component, or a single article), each pointed at it. */
    static StoryCluster of(List<IndexedArticle> members) {
        StoryCluster story = new StoryCluster();
        if (members.size() == 1) {
            IndexedArticle only = members.get(0);
            only.story = story;
            story.first = only;
            story.last = only;
            story.lead = only;
            return story; // its facts are its member's: no list, no map
        }
        story.members = new ArrayList<>(members.size());
        story.providers = new HashMap<>();
        for (IndexedArticle member : members) {
            story.add(member);
        }
        return story;
    }

    /** Gives a story of one member its list and map, before a join adds to them. */
    private void grow() {
        if (members == null) {
            members = new ArrayList<>(2);
            members.add(first);
            providers = new HashMap<>(4);
            seenProvidersOf(first);
        }
    }

    private void add(IndexedArticle member) {
        members.add(member);
        member.story = this;
        if (first == null || IndexedArticle.PUBLICATION_ORDER.compare(member, first) < 0) {
            first = member;
        }
        if (last == null || IndexedArticle.PUBLICATION_ORDER.compare(member, last) > 0) {
            last = member;
        }
        offerLead(member);
        seenProvidersOf(member);
    }

    private void seenProvidersOf(IndexedArticle member) {
        for (int i = 0; i < member.providers.length; i++) {
            seen(member.providers[i], new FirstSeen(member, i));
        }
    }

    private void seen(String provider, FirstSeen at) {
        FirstSeen known = providers.get(provider);
        if (known == null || FirstSeen.ORDER.compare(at, known) < 0) {
            providers.put(provider, at);
            providerList = null;
        }
    }

    /**
     * Joins {@code a} and {@code b}'s stories after an edge between them was added: the larger takes the
     * smaller one's members (then {@code a} and {@code b}, whose degrees grew, are offered as its lead).
     *
     * @return the story both are in now
     */
    static StoryCluster join(IndexedArticle a, IndexedArticle b) {
        StoryCluster story = a.story;
        if (a.story != b.story) {
            StoryCluster larger = a.story.size() >= b.story.size() ? a.story : b.story;
            StoryCluster smaller = larger == a.story ? b.story : a.story;
            larger.absorb(smaller);
            story = larger;
        }
        story.offerLead(a);
        story.offerLead(b);
        return story;
    }

    private void absorb(StoryCluster other) {
        grow();
        for (IndexedArticle member : other.members()) {
            members.add(member);
            member.story = this;
        }
        if (IndexedArticle.PUBLICATION_ORDER.compare(other.first, first) < 0) {
            first = other.first;
        }
        if (IndexedArticle.PUBLICATION_ORDER.compare(other.last, last) > 0) {
            last = other.last;
        }
        offerLead(other.lead);
        if (other.providers == null) {
            seenProvidersOf(other.first);
        } else {
            other.providers.forEach(this::seen);
        }
        other.members = List.of();
    }

    /** Makes {@code member} the lead when it ranks before the current one. */
    private void offerLead(IndexedArticle member) {
        if (lead == null || leadOrder(member, lead) < 0) {
            lead = member;
        }
    }

    /** The lead is the member of highest quality, then the most connected, then the earliest. */
    private static int leadOrder(IndexedArticle a, IndexedArticle b) {
        int quality = Integer.compare(b.quality, a.quality);
        if (quality != 0) {
            return quality;
        }
        int degree = Integer.compare(b.sameStoryCount(), a.sameStoryCount());
        return degree != 0 ? degree : IndexedArticle.PUBLICATION_ORDER.compare(a, b);
    }

    /** The story's name: its earliest member's id. */
    String id() {
        return first.id();
    }

    IndexedArticle first() {
        return first;
    }

    IndexedArticle last() {
        return last;
    }

    IndexedArticle lead() {
        return lead;
    }

    int size() {
        return members == null ? 1 : members.size();
    }

    /** The members, in no particular order (not a copy: do not change the graph while reading it). */
    List<IndexedArticle> members() {
        return members == null ? List.of(first) : members;
    }

    /** The distinct providers of the members and of their editorial links, in order of first appearance. */
    List<String> providers() {
        if (providers == null) {
            return List.of(first.providers); // distinct, in their order: as first seen
        }
        if (providerList == null) {
            providerList = providers.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue(FirstSeen.ORDER))
                    .map(Map.Entry::getKey)
                    .toList();
        }
        return providerList;
    }
}
