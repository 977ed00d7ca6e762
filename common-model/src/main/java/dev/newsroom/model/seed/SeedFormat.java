package dev.newsroom.model.seed;

import dev.newsroom.model.Article;
import dev.newsroom.model.ArticleId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The seed format in one place: read a file, write an article, and fingerprint an article's content.
 * Every module that reads or writes the format goes through here.
 */
public final class SeedFormat {

    private static final SeedFormatWriter WRITER = new SeedFormatWriter();

    private final SeedFormatReader reader;

    public SeedFormat() {
        this(SeedFormatLimits.DEFAULT);
    }

    public SeedFormat(SeedFormatLimits limits) {
        this.reader = new SeedFormatReader(limits);
    }

    public ParsedArticle read(String file, byte[] bytes) {
        return reader.read(file, bytes);
    }

    public ParsedArticle read(String file, String text) {
        return reader.read(file, text);
    }

    public static String write(Article article) {
        return WRITER.write(article);
    }

    /**
     * SHA-256 (hex) of the article as the writer writes it: two articles have the same hash exactly when
     * every field, the body and every unknown key are equal. Used to tell a re-submitted file from a change.
     */
    public static String contentHash(Article article) {
        return HexFormat.of().formatHex(ArticleId.sha256().digest(write(article).getBytes(StandardCharsets.UTF_8)));
    }
}
