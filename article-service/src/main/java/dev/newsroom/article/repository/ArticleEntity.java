package dev.newsroom.article.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One stored article (table {@code article}, see the Flyway migrations), as the single-article
 * endpoints read it. Written only by {@link ArticleWriter}'s set-based statements, hence immutable here.
 */
@Entity
@Immutable
@Table(name = "article")
public class ArticleEntity extends PanacheEntityBase {

    @Id
    @Column(length = 16)
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "ranked_at", nullable = false)
    public Instant rankedAt;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(nullable = false)
    public boolean live;

    @Column(nullable = false)
    public int heat;

    /**
     * The article exactly as it arrived (the event's {@code article} JSON), for the export and the heat
     * endpoint; loaded only when read. (The content document the API serves is composed by
     * {@link ArticleReader}, with the article's ranking.)
     */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, columnDefinition = "text")
    public String source;

    @Column(name = "heat_base", nullable = false)
    public double heatBase;

    @Column(name = "half_life_hours", nullable = false)
    public double halfLifeHours;

    @Column(name = "news_lag_seconds", nullable = false)
    public double newsLagSeconds;

    @Column(name = "trend_key", nullable = false)
    public double trendKey;
}
