package dev.newsroom.e2e;

import static io.restassured.RestAssured.given;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the store holds for a set of acknowledged articles, read two ways: the article table (one row per
 * id, with its version) and article-service's public list (every page of {@code /articles}, so an article
 * listed twice shows up as a duplicate).
 */
record StoreCheck(int acknowledged, int stored, int storedInNewestVersion, int lost, int duplicates) {


    /**
     * Waits (up to {@code within}) until every acknowledged article is stored in its newest version, reading
     * the table only; then counts the duplicates in article-service's list once.
     */
    static StoreCheck awaitComplete(String jdbcUrl, String articlesUrl, String listQuery, Map<String, Long> acknowledged,
                                    Duration within) {
        try {
            org.awaitility.Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stored(jdbcUrl, acknowledged).complete());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // fall through: the counts below say what is missing
        }
        StoreCheck rows = stored(jdbcUrl, acknowledged);
        return new StoreCheck(rows.acknowledged, rows.stored, rows.storedInNewestVersion, rows.lost,
                duplicates(articlesUrl, listQuery, acknowledged.keySet()));
    }

    /** {@code listQuery}: the filter of {@code /articles} that lists at least the acknowledged articles (or ""). */
    static StoreCheck awaitComplete(Newsroom newsroom, String listQuery, Map<String, Long> acknowledged, Duration within) {
        return awaitComplete(jdbcUrl(newsroom), newsroom.articles.baseUrl(), listQuery, acknowledged, within);
    }

    /** The table's counts only (duplicates not counted). */
    static StoreCheck stored(String jdbcUrl, Map<String, Long> acknowledged) {
        Map<String, Long> rows = versions(jdbcUrl, acknowledged.keySet());
        int stored = 0;
        int newest = 0;
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            Long version = rows.get(ack.getKey());
            if (version != null) {
                stored++;
                if (version.equals(ack.getValue())) {
                    newest++;
                }
            }
        }
        return new StoreCheck(acknowledged.size(), stored, newest, acknowledged.size() - stored, 0);
    }

    boolean complete() {
        return lost == 0 && storedInNewestVersion == acknowledged;
    }

    /** Prints the counts a fault case saw: sent, acknowledged, stored (in the newest version), lost, duplicates. */
    StoreCheck print(String faultCase, int sent, long startedNanos) {
        System.out.printf("[faults] %-30s sent %5d  acknowledged %5d  stored %5d  in newest version %5d  lost %d  duplicates %d  (%d s)%n",
                faultCase, sent, acknowledged, stored, storedInNewestVersion, lost, duplicates,
                (System.nanoTime() - startedNanos) / 1_000_000_000L);
        return this;
    }

    static Map<String, Long> versions(Newsroom newsroom, Set<String> ids) {
        return versions(jdbcUrl(newsroom), ids);
    }

    private static String jdbcUrl(Newsroom newsroom) {
        return newsroom.infrastructure.postgres().jdbcUrl(Infrastructure.DATABASE);
    }

    static Map<String, Long> versions(String jdbcUrl, Set<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement select = c.prepareStatement("select id, version from article where id = any(?)")) {
            select.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the article table", e);
        }
        return versions;
    }

    /** Articles among {@code ids} that article-service lists more than once across all its pages. */
    private static int duplicates(String articlesUrl, String listQuery, Set<String> ids) {
        Map<String, Integer> seen = new HashMap<>();
        String next = "/articles?size=100" + (listQuery.isEmpty() ? "" : "&" + listQuery);
        while (next != null) {
            var page = given().baseUri(articlesUrl).get(next).then().statusCode(200).extract().jsonPath();
            List<String> listed = page.getList("items.id");
            listed.stream().filter(ids::contains).forEach(id -> seen.merge(id, 1, Integer::sum));
            next = page.getString("next");
        }
        return (int) seen.values().stream().filter(n -> n > 1).count();
    }
}
