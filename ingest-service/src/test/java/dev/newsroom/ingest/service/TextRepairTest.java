package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Article;
import dev.newsroom.model.Provider;
import dev.newsroom.model.RelatedArticle;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextRepairTest {

    private static final SeedFormat FORMAT = new SeedFormat();

    private static Article read(Path file) {
        return FORMAT.read(file.toString(), Samples.bytes(file)).article();
    }

    @Test
    void shouldRepairTheSeedsMojibakeExcerpt() {
        Article seed = read(Samples.seed());
        assertThat(seed.related().get(1).excerpt()).contains("countryâ€™s biggest");

        Article repaired = TextRepair.repair(seed);

        assertThat(repaired.related().get(1).excerpt())
                .contains("the use of facial recognition technology at the country’s biggest ...")
                .doesNotContain("â€");
        // nothing else of the seed needed repair, and the opaque parts are untouched
        assertThat(repaired.title()).isSameAs(seed.title());
        assertThat(repaired.excerpt()).isSameAs(seed.excerpt());
        assertThat(repaired.related().get(0)).isSameAs(seed.related().get(0));
        assertThat(repaired.secured()).isSameAs(seed.secured());
        assertThat(repaired.body()).isSameAs(seed.body());
        assertThat(repaired.webUrl()).isSameAs(seed.webUrl());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            countryâ€™s biggest                | country’s biggest
            â€œQuotedâ€ù and done               | “Quotedâ€ù and done
            â€œQuotedâ€\u009d and done         | “Quoted” and done
            CafÃ© in ZÃ¼rich                   | Café in Zürich
            Ã‰mile Zola                        | Émile Zola
            Price: 5 â‚¬                        | Price: 5 €
            Smile ðŸ˜€                          | Smile 😀
            Ã¢â‚¬â„¢ twice broken            | ’ twice broken
            ï»¿Stray byte-order mark           | Stray byte-order mark
            """)
    void shouldRepairMojibake(String broken, String repaired) {
        assertThat(TextRepair.titleOrExcerpt(broken.translateEscapes())).isEqualTo(repaired);
    }

    /** Mojibake made the way it happens: UTF-8 bytes decoded as Windows-1252, or as Latin-1. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the country’s biggest", "Café in Zürich", "Émile Zola — “J’accuse…!”", "日本の新聞",
            "Привет, Москва", "Ελληνικά νέα", "Smile 😀", "5 € or £4", "naïve façade", "Kraków – Łódź"})
    void shouldUndoUtf8ReadAsWindows1252OrLatin1(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String latin1 = new String(utf8, StandardCharsets.ISO_8859_1);
        String windows1252 = new String(utf8, Charset.forName("windows-1252"));

        assertThat(TextRepair.titleOrExcerpt(latin1)).isEqualTo(text);
        if (windows1252.indexOf('\uFFFD') < 0) {
            assertThat(TextRepair.titleOrExcerpt(windows1252)).isEqualTo(text);
        } else {
            // a byte Windows-1252 has no character for was lost: guessing it back would be inventing
            assertThat(TextRepair.titleOrExcerpt(windows1252)).contains("\uFFFD");
        }
    }

    @Test
    void shouldRepairMojibakeOfALatin1DecoderWithItsControlCharacters() {
        assertThat(TextRepair.text("countryâ\u0080\u0099s")).isEqualTo("country’s");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Intel, Accenture and Sulubaaï are hoping that Project 15 will help",   // corpus (bing-feeds)
            "could result in a fine of up to £1,000",                               // corpus
            "Read more ›",                                                          // corpus
            "“Demo Extravaganza” – the community’s favourite — again…",
            "São Paulo, Málaga, Zürich, Kraków, Ærøskøbing, Œuvre, Ñandú, Ça va, À la carte",
            "Ελληνικά νέα, Москва сегодня, 東京の天気, 서울 뉴스, العربية, עברית, हिन्दी",
            "naïve café façade, résumé; Ü-Bahn; Â is a letter; Ã too",
            "Ô™ is not a pair worth guessing: Â alone, é€ alone, “CAFÉ”, « OLÉ »",
            "Emoji 😀 and ™ ® © stay",
    })
    void shouldLeaveCorrectTextAlone(String text) {
        assertThat(TextRepair.titleOrExcerpt(text)).isSameAs(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Tom &amp; Jerry                    | Tom & Jerry
            It&#39;s here                      | It's here
            the city&rsquo;s mayor             | the city’s mayor
            &#8220;Demo Extravaganza&#8221;    | “Demo Extravaganza”
            A &#038; B                         | A & B
            &lt;script&gt;alert(1)&lt;/script&gt; | <script>alert(1)</script>
            R&D and AT&T stay                  | R&D and AT&T stay
            """)
    void shouldDecodeHtmlEntitiesInTitlesAndExcerpts(String text, String repaired) {
        assertThat(TextRepair.titleOrExcerpt(text)).isEqualTo(repaired);
    }

    @Test
    void shouldKeepEntitiesInNamesAsWritten() {
        assertThat(TextRepair.text("Johnson &amp; Johnson")).isEqualTo("Johnson &amp; Johnson");
    }

    @Test
    void shouldDropControlCharactersAndCollapseWhitespace() {
        assertThat(TextRepair.titleOrExcerpt("  Breaking\u0000 news\u0007:\t two\r\n\r\nlines  "))
                .isEqualTo("Breaking news: two lines");
        assertThat(TextRepair.titleOrExcerpt("ADH Clinic adopts Microsoft Power Platform  a small business"))
                .isEqualTo("ADH Clinic adopts Microsoft Power Platform a small business");
        assertThat(TextRepair.titleOrExcerpt("\u0001\u0002")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "nytimes.com|nytimes.com", "NYTimes.com|nytimes.com", "nytimes.com.|nytimes.com", "' NYTimes.COM.. '|nytimes.com",
            "'nytimes.com. '|nytimes.com", "bbc.co.uk|bbc.co.uk", "'  '|", ".|", "xn--mnchen-3ya.de|xn--mnchen-3ya.de",
            "München.DE|münchen.de"})
    void shouldWriteAProviderDomainOneWay(String written, String key) {
        assertThat(TextRepair.domain(written)).isEqualTo(key);
    }

    @Test
    void shouldRepairTheDomainOfTheProviderAndOfEachRelatedEntrysProvider() {
        Article seed = read(Samples.seed());
        RelatedArticle related = seed.related().get(0);
        Article written = seed.toBuilder()
                .provider(new Provider(seed.provider().name(), "NYTimes.com.", seed.provider().images(), seed.provider().extra()))
                .related(List.of(new RelatedArticle(related.title(), related.excerpt(), related.publishedDateTime(),
                        related.originalUrl(), related.webUrl(), related.ampWebUrl(), related.cdnAmpWebUrl(), related.type(),
                        Provider.of("TNW", " TheNextWeb.com. "), related.quality(), related.images(), related.extra())))
                .build();

        Article repaired = TextRepair.repair(written);

        assertThat(repaired.provider().domain()).isEqualTo("nytimes.com");
        assertThat(repaired.provider().name()).isEqualTo(seed.provider().name());
        assertThat(repaired.related().get(0).provider().domain()).isEqualTo("thenextweb.com");
        assertThat(TextRepair.repair(seed).provider()).isSameAs(seed.provider()); // nothing to repair: no copy
    }

    @Test
    void shouldReturnTheSameArticleWhenNothingNeedsRepair() {
        Article seed = read(Samples.seed());
        Article clean = seed.toBuilder().related(List.of(seed.related().get(0))).build();

        assertThat(TextRepair.repair(clean)).isSameAs(clean);
    }

    /** Across the real corpus: only text that really had entities, mojibake or stray whitespace changes. */
    @Test
    void shouldChangeOnlyBrokenTextAcrossTheCorpus() {
        List<String> changed = new ArrayList<>();
        for (Path file : Samples.allArticles()) {
            Article original = read(file);
            Article repaired = TextRepair.repair(original);
            assertThat(repaired.secured()).isEqualTo(original.secured());
            assertThat(repaired.body()).isEqualTo(original.body());
            assertThat(repaired.extra()).isEqualTo(original.extra());
            assertThat(repaired.webUrl()).isEqualTo(original.webUrl());
            List<String[]> pairs = new ArrayList<>();
            pairs.add(new String[] {original.title(), repaired.title()});
            pairs.add(new String[] {original.excerpt(), repaired.excerpt()});
            for (int i = 0; i < original.related().size(); i++) {
                RelatedArticle o = original.related().get(i);
                RelatedArticle r = repaired.related().get(i);
                pairs.add(new String[] {o.title(), r.title()});
                pairs.add(new String[] {o.excerpt(), r.excerpt()});
            }
            for (String[] pair : pairs) {
                if (pair[0] != null && !pair[0].equals(pair[1])) {
                    changed.add(pair[0]);
                    assertThat(pair[0]).as("why was this changed? %s", file)
                            .matches("(?s).*(&#?[a-z0-9]+;|â€|\\s\\s|^\\s|\\s$|[\\r\\n\\t]).*");
                    assertThat(pair[1]).doesNotContain("â€", "&#", "  ", "\r", "\n");
                }
            }
        }
        assertThat(changed).as("the corpus has entities, CRLFs and the seed's mojibake to repair").hasSizeGreaterThan(10);
    }
}
