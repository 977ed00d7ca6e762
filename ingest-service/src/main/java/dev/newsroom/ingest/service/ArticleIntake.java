package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.StorableText;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.ParsedArticle;
import dev.newsroom.model.seed.SeedFormat;
import dev.newsroom.model.seed.SeedFormatException;
import dev.newsroom.model.seed.SeedFormatLimits;
import dev.newsroom.model.seed.SeedFormatTooLargeException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * From submitted bytes to an identified, valid article: read (strict UTF-8, bounded YAML), drop the
 * characters PostgreSQL and XML cannot hold from every text ({@link StorableText}), repair the display
 * text ({@link TextRepair}), validate (with {@link ArticleLimits}), and derive the canonical URL, id and
 * content hash of the repaired article. What is hashed is what is published and stored, so an article
 * exported back to the seed format and re-ingested is "unchanged". Pure logic, no container needed.
 */
public final class ArticleIntake {

    private final SeedFormat format;
    private final ArticleValidator validator;
    private final int maxFileBytes;

    public ArticleIntake(SeedFormatLimits limits, int maxFileBytes) {
        this(limits, ArticleLimits.DEFAULT, maxFileBytes);
    }

    public ArticleIntake(SeedFormatLimits limits, ArticleLimits articleLimits, int maxFileBytes) {
        this(limits, articleLimits, maxFileBytes, Clock.systemUTC());
    }

    /** With {@code clock} as ingest's clock: how far ahead an article may be dated is counted from it. */
    public ArticleIntake(SeedFormatLimits limits, ArticleLimits articleLimits, int maxFileBytes, Clock clock) {
        this.format = new SeedFormat(limits);
        this.validator = new ArticleValidator(articleLimits, clock);
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * @throws ArticleRejectedException with status 400, 413 or 422 and located problems
     */
    public IdentifiedArticle examine(String file, byte[] bytes) {
        if (bytes.length > maxFileBytes) {
            throw tooLarge(file, maxFileBytes);
        }
        ParsedArticle parsed;
        try {
            parsed = format.read(file, bytes);
        } catch (SeedFormatTooLargeException e) {
            throw new ArticleRejectedException(ArticleRejectedException.TOO_LARGE, e.problems());
        } catch (SeedFormatException e) {
            throw new ArticleRejectedException(ArticleRejectedException.MALFORMED, e.problems());
        }
        Article article = TextRepair.repair(StorableText.strip(parsed.article()));
        ParsedArticle repaired = article == parsed.article() ? parsed
                : new ParsedArticle(file, article, parsed.positions(), parsed.problems());
        List<FieldProblem> problems = validator.validate(repaired);
        if (!problems.isEmpty()) {
            throw new ArticleRejectedException(ArticleRejectedException.INVALID, problems);
        }
        String canonicalUrl = CanonicalUrl.of(article.primaryUrl()).orElseThrow();
        String id = ArticleId.fromCanonicalUrl(canonicalUrl);
        article = withoutRepeats(article, id);
        return new IdentifiedArticle(file, id, canonicalUrl, SeedFormat.contentHash(article), article);
    }

    /**
     * The article without what would repeat or mislead downstream, done after validation so that every problem
     * names the entry where the file has it:
     * <ul>
     *   <li>related entries that name the article itself (their URL is its own, once canonical): an article is
     *       not coverage of its own story, and ranking-service would otherwise link it to itself;</li>
     *   <li>related entries that name the same article as an earlier one: listed, linked and shown once;</li>
     *   <li>topics left empty by repair (only spaces or control characters), or repeating an earlier one in
     *       another case or with other spaces around it: the lists key topics that way, so the article would
     *       show {@code AI} and {@code ai} as two topics that are one.</li>
     * </ul>
     * The first of repeated entries is kept, as written. The same article when there is nothing to drop.
     */
    static Article withoutRepeats(Article article, String id) {
        Set<String> named = new HashSet<>(Set.of(id));
        List<RelatedArticle> related = article.related().stream()
                .filter(r -> ArticleId.of(r).map(named::add).orElse(true)).toList();
        Set<String> keys = new HashSet<>();
        List<String> topics = article.topics().stream().filter(t -> {
            String key = Article.nameKey(t); // the key article-service and ranking-service use
            return !key.isEmpty() && keys.add(key);
        }).toList();
        if (related.size() == article.related().size() && topics.size() == article.topics().size()) {
            return article;
        }
        return article.toBuilder().related(related).topics(topics).build();
    }

    public int maxFileBytes() {
        return maxFileBytes;
    }

    /** The rejection of a file over the size limit (reading stops at the limit, so its full size is not known). */
    public static ArticleRejectedException tooLarge(String file, long limit) {
        return new ArticleRejectedException(ArticleRejectedException.TOO_LARGE, List.of(new FieldProblem(file, 0, 0, null,
                "file is larger than the limit of " + limit + " bytes (newsroom.ingest.max-file-bytes)")));
    }
}
