package dev.newsroom.article.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.newsroom.article.RankedEvents;
import dev.newsroom.article.service.ArticleStore;
import dev.newsroom.infra.NewsroomTestInfrastructure;
import dev.newsroom.model.Article;
import dev.newsroom.model.Samples;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.seed.SeedFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /articles/{id}} with {@code Accept: text/markdown}: the article back in the seed format. */
@QuarkusTest
@QuarkusTestResource(NewsroomTestInfrastructure.class)
class ArticleExportTest {

    @Inject
    ArticleStore store;

    @Test
    void shouldExportTheSeedByteForByteWithItsOwnHeatRelatedLinksAndBody() {
        Article seed = RankedEvents.seed();
        RankedEvents event = RankedEvents.article().heat(250).edit(b -> b.webUrl(seed.webUrl()).body("\nBody text.\n"));
        ArticleEvent stored = event.build();
        store.upsert(List.of(stored));

        String exported = given().accept("text/markdown").get("/articles/" + stored.articleId()).then().statusCode(200)
                .contentType("text/markdown").header("Vary", containsString("Accept"))
                .extract().asString();

        assertThat(exported).isEqualTo(SeedFormat.write(stored.article()));
        assertThat(exported).startsWith(Samples.text(Samples.seed()).replace("\r\n", "\n").stripTrailing());
        assertThat(exported).contains("heat: 109").doesNotContain("heat: 250").endsWith("---\n\nBody text.\n");
        assertThat(SeedFormat.contentHash(new SeedFormat().read("export.md", exported).article()))
                .isEqualTo(stored.contentHash());
    }

    @Test
    void shouldExportKeysTheServiceDoesNotKnow() {
        ArticleEvent stored = RankedEvents.article()
                .edit(b -> b.extra(Map.of("sponsor", "Acme", "rating", 4))).build();
        store.upsert(List.of(stored));

        String exported = given().accept("text/markdown").get("/articles/" + stored.articleId()).then().statusCode(200)
                .extract().asString();
        Article back = new SeedFormat().read("export.md", exported).article();
        assertThat(back.extra()).containsEntry("sponsor", "Acme").containsEntry("rating", 4);
        assertThat(SeedFormat.contentHash(back)).isEqualTo(stored.contentHash());
        given().get("/articles/" + stored.articleId()).then().body("extra.sponsor", equalTo("Acme"));
    }

    @Test
    void shouldServeJsonByDefaultAndRefuseMediaTypesItDoesNotHave() {
        ArticleEvent stored = RankedEvents.article().build();
        store.upsert(List.of(stored));

        given().get("/articles/" + stored.articleId()).then().statusCode(200).contentType("application/json");
        given().accept("text/markdown;q=0.5, application/json").get("/articles/" + stored.articleId()).then()
                .statusCode(200).contentType("application/json");
        given().accept("image/png").get("/articles/" + stored.articleId()).then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void shouldListRelatedEntriesWithTheirSeedFieldsScoreAndSource() {
        ArticleEvent stored = RankedEvents.article().build();
        store.upsert(List.of(stored));

        given().get("/articles/" + stored.articleId() + "/related").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].title", equalTo("The benefits of facial recognition AI are being wildly overstated"))
                .body("items[0].provider.domain", equalTo("thenextweb.com"))
                .body("items[0].score", equalTo(1.0f))
                .body("items[0].source", equalTo("editorial"))
                .body("items[1].images[0].width", equalTo(600))
                .body("next", equalTo(null));
    }
}
