package dev.newsroom.article.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.article.service.Rendered;
import dev.newsroom.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListPageTest {

    @Test
    void shouldWriteTheItemsAndTheNextLinkAsUtf8Json() throws Exception {
        Rendered page = ListPage.of(List.of("{\"title\":\"plain\"}", "{\"title\":\"“Curly” – Zürich, 東京 🚀\"}"),
                "http://127.0.0.1:8080/articles?cursor=a\"b");

        String text = new String(page.body(), StandardCharsets.UTF_8);
        JsonNode json = Json.mapper().readTree(text);
        assertThat(json.path("items")).hasSize(2);
        assertThat(json.path("items").get(0).path("title").asText()).isEqualTo("plain");
        assertThat(json.path("items").get(1).path("title").asText()).isEqualTo("“Curly” – Zürich, 東京 🚀");
        assertThat(json.path("next").asText()).isEqualTo("http://127.0.0.1:8080/articles?cursor=a\"b");
        assertThat(page.mediaType()).isEqualTo("application/json");
        assertThat(page.etag()).isEqualTo(Rendered.of(text, "application/json").etag());
    }

    @Test
    void shouldWriteAnEmptyLastPage() {
        Rendered page = ListPage.of(List.of(), null);

        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("{\"items\":[],\"next\":null}");
    }
}
