package dev.newsroom.article.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderedTest {

    @Test
    void shouldTagEqualBodiesEquallyAndMatchIfNoneMatchWeakly() {
        Rendered page = Rendered.of("{\"items\":[]}", "application/json");
        assertThat(Rendered.of("{\"items\":[]}", "application/json").etag()).isEqualTo(page.etag());
        assertThat(Rendered.of("{\"items\":[1]}", "application/json").etag()).isNotEqualTo(page.etag());
        String opaque = page.etag().substring(2);

        assertThat(page.matches(page.etag())).isTrue();
        assertThat(page.matches(opaque)).isTrue();
        assertThat(page.matches("\"other\", " + page.etag())).isTrue();
        assertThat(page.matches("*")).isTrue();
        assertThat(page.matches("\"other\"")).isFalse();
        assertThat(page.matches(null)).isFalse();
    }
}
