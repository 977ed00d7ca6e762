package dev.newsroom.model.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every limit holds on both paths: a hostile front matter the fast path could compose (block style) is
 * refused exactly as SnakeYAML refuses it, with the same file, line and field.
 */
class SeedFormatLimitsTest {

    private static final SeedFormatLimits LIMITS = new SeedFormatLimits(262_144, 10, 20);
    private static final SeedFormatReader WITH_FAST_PATH = new SeedFormatReader(LIMITS, true);
    private static final SeedFormatReader SNAKEYAML_ONLY = new SeedFormatReader(LIMITS, false);

    /** 62 levels of block mappings, each key on its own line, the deepest with a plain value. */
    static String blockNesting(int depth) {
        StringBuilder yaml = new StringBuilder("---\ntitle: deep\n");
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth)).append("leaf: x\n---\n").toString();
    }

    /** As above, but lists of mappings: "- k1:" at every level. */
    static String blockListNesting(int depth) {
        StringBuilder yaml = new StringBuilder("---\ntitle: deep\nk0:\n");
        int indent = 2;
        for (int i = 1; i < depth / 2; i++, indent += 4) {
            yaml.append(" ".repeat(indent)).append("- k").append(i).append(":\n");
        }
        return yaml.append(" ".repeat(indent)).append("- x\n---\n").toString();
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("62-deep block mappings", blockNesting(62), 400, "k0", "Nesting Depth exceeded max 20"),
                Arguments.of("62-deep block lists of mappings", blockListNesting(62), 400, "k0", "Nesting Depth exceeded max 20"),
                Arguments.of("62-deep flow", "---\ntitle: deep\ndeep: " + "[".repeat(62) + "]".repeat(62) + "\n---\n",
                        400, "deep", "Nesting Depth exceeded max 20"),
                Arguments.of("raw NUL in the front matter", "---\ntitle: deep\nexcerpt: \"a\u0000b\"\n---\n", 400, "excerpt",
                        "U+0000 is not allowed in YAML"),
                Arguments.of("front matter over its length", "---\ntitle: x\npad: " + "y".repeat(262_145) + "\n---\n", 413,
                        null, "the limit is 262144"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void shouldRefuseOnTheFastPathExactlyAsOnSnakeYamls(String name, String text, int status, String field, String message) {
        SeedFormatException expected = refusal(SNAKEYAML_ONLY, text);
        SeedFormatException actual = refusal(WITH_FAST_PATH, text);

        assertThat(actual.problems()).isEqualTo(expected.problems());
        assertThat(actual).isInstanceOf(status == 413 ? SeedFormatTooLargeException.class : SeedFormatException.class);
        FieldProblem problem = actual.problems().get(0);
        assertThat(problem.file()).isEqualTo("deep.md");
        assertThat(problem.line()).isGreaterThan(1);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(problem.message()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void shouldLetTheFastPathComposeTheBlockCasesWhenTheLimitIsNotInTheWay(String name, String text, int status,
                                                                          String field, String message) {
        // Without this, the cases above could pass only because the fast path declined them for another reason.
        if (name.contains("block")) {
            String yaml = text.substring(4, text.lastIndexOf("---\n"));
            assertThat(FastComposer.compose(yaml)).as("fast path composes it without a limit").isNotNull();
            assertThat(FastComposer.compose(yaml, LIMITS.maxNestingDepth())).as("and declines it with one").isNull();
        }
    }

    @org.junit.jupiter.api.Test
    void shouldKeepAcceptingNestingWithinTheLimitOnTheFastPath() {
        String text = blockNesting(17);
        String yaml = text.substring(4, text.lastIndexOf("---\n"));
        assertThat(FastComposer.compose(yaml, LIMITS.maxNestingDepth())).isNotNull();
        assertThat(WITH_FAST_PATH.read("ok.md", text)).isEqualTo(SNAKEYAML_ONLY.read("ok.md", text));
    }

    private static SeedFormatException refusal(SeedFormatReader reader, String text) {
        return (SeedFormatException) org.assertj.core.api.Assertions.catchThrowable(() -> reader.read("deep.md", text));
    }

    @org.junit.jupiter.api.Test
    void shouldNameTheTopLevelKeyOfALine() {
        assertThat(SeedFormatReader.topLevelKeyAt("a: 1\nb:\n  c:\n    d: 2\n", 3)).isEqualTo("b");
        assertThat(SeedFormatReader.topLevelKeyAt("# comment\na: 1\n", 0)).isNull();
    }
}
