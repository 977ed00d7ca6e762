package dev.newsroom.article.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleView;
import dev.newsroom.article.service.StoredArticle;
import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.PostgresServer;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.HeatScore;
import dev.newsroom.model.event.LinkSource;
import dev.newsroom.model.event.RelatedLink;
import dev.newsroom.model.json.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V4 on a store written before it (real PostgreSQL, a database of its own migrated to V3, one article
 * stored as V3 stored it): the document becomes the content, the ranking moves into its columns, and the
 * related links become the article's own.
 */
class MigrationV4Test {

    @Test
    void shouldMoveTheRankingOutOfTheDocumentIntoColumnsAndKeepTheLinksAsOwnLinks() throws Exception {
        PostgresServer postgres = Infrastructure.forTests().postgres();
        String database = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        postgres.createDatabase(database);
        String url = postgres.jdbcUrl(database);
        migrate(url, "3");

        Instant t = Instant.parse("2030-03-01T12:00:00Z");
        HeatScore heat = HeatScore.compute(80, "the file's quality", 2, 1 + 0.3 * Math.log(2), 1.2, "weight of x",
                5, 24, t, t);
        ArticleEvent linked = RankedEvents.article().build();
        ArticleEvent event = RankedEvents.article().heatScore(heat).rankedAt(t)
                .related(List.of(new RelatedLink(linked.articleId(), 0.9, LinkSource.COMPUTED,
                        RelatedArticle.of(linked.article())))).build();
        String schema1Document = Json.write(ArticleView.of(event));
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into article (id, version, content_hash, ingested_at, ranked_at, title, published_at, live,
                                         heat, story_id, document, source, heat_base)
                    values (?, 1, 'h', ?, ?, 'title', ?, true, ?, null, ?, '{}', ?)""")) {
                s.setString(1, event.articleId());
                s.setTimestamp(2, Timestamp.from(t));
                s.setTimestamp(3, Timestamp.from(t));
                s.setTimestamp(4, Timestamp.from(event.article().publishedDateTime()));
                s.setInt(5, heat.value());
                s.setString(6, schema1Document);
                s.setDouble(7, heat.base());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into related_link (article_id, position, related_id, score, source, document)
                    values (?, 0, ?, 0.9, 'computed', '{}')""")) {
                s.setString(1, event.articleId());
                s.setString(2, linked.articleId());
                s.executeUpdate();
            }
        }

        migrate(url, "4");

        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement s = c.prepareStatement("""
                     select a.document, a.heat_score, a.heat_own, a.heat_recency, a.related_limit,
                            r.origin, r.target_version
                     from article a join related_link r on r.article_id = a.id where a.id = ?""")) {
            s.setString(1, event.articleId());
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                @SuppressWarnings("unchecked")
                Map<String, Object> document = Json.read(r.getString(1), Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> before = Json.read(schema1Document, Map.class);
                StoredArticle.RANKING_FIELDS.forEach(before::remove);
                assertThat(document).isEqualTo(before);
                assertThat(Json.read(r.getString(2), HeatScore.class)).isEqualTo(heat);
                assertThat(r.getDouble(3)).isEqualTo(80 * 1.2);
                assertThat(r.getDouble(4)).isCloseTo((heat.base() + heat.component("recency").contribution()) / heat.base(),
                        within(1e-12));
                assertThat(r.getInt(5)).isZero();
                assertThat(r.getString(6)).isEqualTo(event.articleId());
                assertThat(r.getObject(7)).isNull();
            }
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)
                .locations("classpath:db/migration").target(target).load().migrate();
    }
}
