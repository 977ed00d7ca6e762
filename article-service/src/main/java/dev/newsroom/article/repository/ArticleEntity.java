package dev.newsroom.article.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One stored article (table {@code article}, see the Flyway migrations). */
@Entity
@Table(name = "article")
public class ArticleEntity extends PanacheEntityBase {

    @Id
    @Column(length = 16)
    public String id;

    @Column(nullable = false)
    public long version;

    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "ingested_at", nullable = false)
    public Instant ingestedAt;

    @Column(name = "ranked_at", nullable = false)
    public Instant rankedAt;

    @Column(nullable = false, columnDefinition = "text")
    public String title;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "provider_domain", columnDefinition = "text")
    public String providerDomain;

    @Column(name = "provider_name", columnDefinition = "text")
    public String providerName;

    @Column(columnDefinition = "text")
    public String category;

    @Column(columnDefinition = "text")
    public String type;

    @Column(nullable = false)
    public boolean live;

    @Column(nullable = false)
    public int heat;

    @Column(name = "story_id", length = 64)
    public String storyId;

    /** The article as the API renders it. */
    @Column(nullable = false, columnDefinition = "text")
    public String document;
}
