package dev.newsroom.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0xFFFE, 0xFFFF, 0xD800, 0xDC00})
    void shouldDropEveryCharacterPostgresOrXmlCannotHold(int c) {
        assertThat(StorableText.strip("a" + (char) c + "b")).isEqualTo("ab");
    }

    @Test
    void shouldKeepTabsLineBreaksC1ControlsAndSurrogatePairsAndReturnCleanTextAsItIs() {
        String clean = "tab\there\nline\r\nC1 \u0085 \u009F DEL \u007F emoji \uD83D\uDE00 end";
        assertThat(StorableText.strip(clean)).isSameAs(clean);
        assertThat(StorableText.strip("\uD83D\uDE00\u0000\uD83D")).isEqualTo("\uD83D\uDE00");
        assertThat(StorableText.strip((String) null)).isNull();
    }

    @Test
    void shouldStripEveryStringOfAnArticleAndKeepACleanOneAsTheSameInstance() {
        String nul = "\u0000";
        Image image = new Image("https://e.com/i" + nul + ".jpg", 1, 1, "t" + nul, null, Map.of("k" + nul, "v" + nul));
        Provider provider = new Provider("N" + nul, "d" + nul + ".com", List.of(image), Map.of("x", List.of("y" + nul)));
        RelatedArticle related = new RelatedArticle("r" + nul, "e" + nul, null, "https://o.com/" + nul,
                "https://w.com/" + nul, "https://a.com/" + nul, "https://c.com/" + nul, "t" + nul, provider, 1,
                List.of(image), Map.of("m", Map.of("n" + nul, nul)));
        Article dirty = Article.builder().category("c" + nul).title("T" + nul).excerpt("E" + nul)
                .originalUrl("https://o.com/" + nul).webUrl("https://w.com/" + nul).ampWebUrl("https://a.com/" + nul)
                .cdnAmpWebUrl("https://c.com/" + nul).type("t" + nul).featuredContent("f" + nul).provider(provider)
                .topics(List.of("AI" + nul)).images(List.of(image)).related(List.of(related)).secured("s" + nul)
                .extra(Map.of("u" + nul, List.of("v" + nul, 1))).body("body" + nul + "\n").build();

        Article clean = StorableText.strip(dirty);

        assertThat(dev.newsroom.model.seed.SeedFormat.write(clean)).doesNotContain(nul).doesNotContain("\\0")
                .doesNotContain("\\x00");
        assertThat(clean.body()).isEqualTo("body\n");
        assertThat(clean.related().get(0).provider().images().get(0).extra()).containsEntry("k", "v");
        assertThat(clean.extra()).containsEntry("u", List.of("v", 1));
        assertThat(StorableText.strip(clean)).isSameAs(clean);
    }
}
