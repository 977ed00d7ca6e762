package dev.newsroom.ingest.service;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import dev.newsroom.model.CanonicalUrl;
import dev.newsroom.model.seed.FieldProblem;
import dev.newsroom.model.seed.ParsedArticle;
import dev.newsroom.model.seed.SeedFormat;
import dev.newsroom.model.seed.SeedFormatException;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.util.List;

/**
 * From submitted bytes to an identified, valid article: read (strict UTF-8, bounded YAML), validate,
 * and derive the canonical URL, id and content hash. Pure logic, no container needed.
 */
public final class ArticleIntake {

    private final SeedFormat format;
    private final ArticleValidator validator = new ArticleValidator();
    private final int maxFileBytes;

    public ArticleIntake(SeedFormatLimits limits, int maxFileBytes) {
        this.format = new SeedFormat(limits);
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * @throws ArticleRejectedException with status 400, 413 or 422 and located problems
     */
    public IdentifiedArticle examine(String file, byte[] bytes) {
        if (bytes.length > maxFileBytes) {
            throw new ArticleRejectedException(413, List.of(new FieldProblem(file, 0, 0, null,
                    "file is " + bytes.length + " bytes; the limit is " + maxFileBytes)));
        }
        ParsedArticle parsed;
        try {
            parsed = format.read(file, bytes);
        } catch (SeedFormatException e) {
            throw new ArticleRejectedException(ArticleRejectedException.MALFORMED, e.problems());
        }
        List<FieldProblem> problems = validator.validate(parsed);
        if (!problems.isEmpty()) {
            throw new ArticleRejectedException(ArticleRejectedException.INVALID, problems);
        }
        Article article = parsed.article();
        String canonicalUrl = CanonicalUrl.of(article.primaryUrl()).orElseThrow();
        return new IdentifiedArticle(file, ArticleId.fromCanonicalUrl(canonicalUrl), canonicalUrl,
                SeedFormat.contentHash(article), article);
    }
}
