package dev.newsroom.model.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must be invisible: for any text, reading with it gives exactly what reading with
 * SnakeYAML alone gives (the same article, positions and problems, or the same error).
 */
class FastComposerTest {

    private static final SeedFormatReader WITH_FAST_PATH = new SeedFormatReader(SeedFormatLimits.DEFAULT, true);
    private static final SeedFormatReader SNAKEYAML_ONLY = new SeedFormatReader(SeedFormatLimits.DEFAULT, false);
    private static final String TRICKY = ":#\"'-[]{}&*!|>%@`?,\\ \n\tyn0.~<=";

    static Stream<Path> everySample() {
        return Samples.allArticles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySample")
    void shouldComposeEverySampleOnTheFastPathExactlyAsSnakeYamlDoes(Path file) {
        String text = SeedFormatReader.normalizeLineBreaks(Samples.text(file));

        assertThat(FastComposer.compose(frontMatter(text))).as("fast path taken").isNotNull();
        assertSameOutcome(text);
    }

    @Test
    void shouldAgreeWithSnakeYamlOnTwentyThousandMutantsOfTheSamples() {
        List<String> samples = Samples.allArticles().stream()
                .map(p -> SeedFormatReader.normalizeLineBreaks(Samples.text(p))).toList();
        Random random = new Random(20261129);
        int fastPathTaken = 0;
        for (int i = 0; i < 20_000; i++) {
            String mutant = mutate(samples.get(random.nextInt(samples.size())), random);
            if (FastComposer.compose(frontMatter(mutant)) != null) {
                fastPathTaken++;
            }
            assertSameOutcome(mutant);
        }
        // The mutants must exercise both paths, or the comparison proves little.
        assertThat(fastPathTaken).isBetween(2_000, 18_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "title: \"a\" #c\nx: 1\n",
            "title: \"a\"#c\n",
            "title: plain # comment\n",
            "a: b: c\n",
            "a: 'it''s'\n",
            "a:\n  - x\n  - y: 1\n    z: 2\n",
            "a:\n- x\n",
            "a: [1, 2]\n",
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: x\n  y\n",
            "a: \"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\e\\0\"\n",
            "a: \"\\q\"\n",
            "a: yes\nb: ~\nc: 0x1F\nd: 1_000\ne: .5\nf: 2020-01-01\ng: <<\n",
            "a:\nb:\n",
            "title: x\ntitle: y\n",
            "provider:\n  name: x\n  name: y\n",
            "  indented: root\n",
            "- a\n",
            "a:\n  b: 1\n c: 2\n",
            "a: \"unclosed\n",
            "# only a comment\n",
            "a: \tb\n",
            "\"quoted key\": 1\n"})
    void shouldAgreeOnHandPickedEdges(String yaml) {
        assertSameOutcome("---\n" + yaml + "---\n");
    }

    private static void assertSameOutcome(String text) {
        Object expected = outcome(SNAKEYAML_ONLY, text);
        Object actual = outcome(WITH_FAST_PATH, text);
        assertThat(actual).as("for:\n%s", text).isEqualTo(expected);
    }

    private static Object outcome(SeedFormatReader reader, String text) {
        try {
            return reader.read("f.md", text);
        } catch (SeedFormatException e) {
            return e.problems();
        }
    }

    private static String frontMatter(String text) {
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---\n", start - 1);
        return end < 0 ? text.substring(start) : text.substring(start, end + 1);
    }

    private static String mutate(String text, Random random) {
        int start = text.indexOf('\n') + 1;
        int end = text.indexOf("\n---\n", start);
        String head = text.substring(0, start);
        String yaml = text.substring(start, end + 1);
        String tail = text.substring(end + 1);
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        int l = random.nextInt(lines.size() - 1);
        String lineText = lines.get(l);
        int at = lineText.isEmpty() ? 0 : random.nextInt(lineText.length());
        char tricky = TRICKY.charAt(random.nextInt(TRICKY.length()));
        switch (random.nextInt(8)) {
            case 0 -> lines.set(l, lineText.isEmpty() ? lineText : lineText.substring(0, at) + lineText.substring(at + 1));
            case 1 -> lines.set(l, lineText.substring(0, at) + tricky + lineText.substring(at));
            case 2 -> lines.set(l, lineText.isEmpty() ? "" + tricky : lineText.substring(0, at) + tricky + lineText.substring(at + 1));
            case 3 -> lines.add(l, lineText);
            case 4 -> lines.remove(l);
            case 5 -> lines.set(l, " ".repeat(1 + random.nextInt(2)) + lineText);
            case 6 -> lines.set(l, lineText.stripLeading());
            default -> {
                int other = random.nextInt(lines.size() - 1);
                lines.set(l, lines.get(other));
            }
        }
        return head + String.join("\n", lines) + tail;
    }
}
