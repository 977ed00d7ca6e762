package dev.newsroom.article.rest;

import dev.newsroom.article.config.ArticleServiceConfig;
import dev.newsroom.article.service.Cursor;
import dev.newsroom.article.service.PageCache;
import dev.newsroom.article.service.Rendered;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The pages of {@code /topics} and {@code /providers}: names with their counts of live articles, most
 * first, keyset-paged on (count, key). Counts move as articles arrive, so an entry can move between two
 * pages; it never appears twice on one page.
 */
@jakarta.enterprise.context.ApplicationScoped
class CountedPages {

    private static final Set<String> LIST_PARAMETERS = Set.of("size", "cursor");
    private static final String ORDER = "articles";

    private final PageCache pages;
    private final Links links;
    private final ArticleServiceConfig config;

    CountedPages(PageCache pages, Links links, ArticleServiceConfig config) {
        this.pages = pages;
        this.links = links;
        this.config = config;
    }

    /** An item's key (the cursor's tie-break), its count and its JSON. */
    record Keyed(String key, int articles, String json) {
    }

    interface Query<T> {
        List<T> rows(Cursor after, int limit);
    }

    <T> Response list(UriInfo uri, HttpHeaders headers, Query<T> query, Function<T, Keyed> toItem) {
        QueryParameters p = QueryParameters.of(uri.getQueryParameters(), LIST_PARAMETERS);
        int size = p.size(config.paging().defaultSize(), config.paging().maxSize());
        Cursor after = p.cursor(ORDER, Integer::parseInt);
        java.util.function.Supplier<Rendered> render = () -> {
            List<Keyed> rows = query.rows(after, size + 1).stream().map(toItem).toList();
            boolean more = rows.size() > size;
            List<Keyed> items = more ? rows.subList(0, size) : rows;
            Keyed last = more ? items.get(size - 1) : null;
            return ListPage.of(items.stream().map(Keyed::json).toList(), last == null ? null
                    : links.next(uri, new Cursor(ORDER, Integer.toString(last.articles()), last.key()).encode()));
        };
        Rendered page = after == null ? pages.get(links.self(uri), render) : render.get();
        return HttpCaching.respond(headers, page, config.caching().listMaxAge());
    }
}
