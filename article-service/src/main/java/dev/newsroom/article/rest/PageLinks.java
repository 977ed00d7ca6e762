package dev.newsroom.article.rest;

import dev.newsroom.article.service.SafeLink;
import io.quarkus.qute.TemplateExtension;

/**
 * Links of stored records as the web page's template may render them: {@code {link:http(c.webUrl)}} is the
 * address when it is an absolute http(s) URL ({@link SafeLink}), else null, and the template shows the text
 * without a link. Every {@code href} or {@code src} from a record goes through it.
 */
@TemplateExtension(namespace = "link")
public final class PageLinks {

    private PageLinks() {
    }

    static String http(String url) {
        return SafeLink.orNull(url);
    }
}
