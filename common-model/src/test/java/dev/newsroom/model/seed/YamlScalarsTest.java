package dev.newsroom.model.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.model.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

class YamlScalarsTest {

    private static final Resolver SNAKEYAML = new Resolver();

    @ParameterizedTest
    @ValueSource(strings = {"", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "y", "n", "no", "No",
            "true", "True", "TRUE", "tRUE", "false", "on", "On", "ON", "off", "Off", "OFF", "offline", "news", "title",
            "nytimes.com", "New York Times", "0", "12", "-3", "+4", "0x1F", "0b101", "0o7", "017", "1_000", "1:30",
            ".5", "1.5e3", ".inf", "-.inf", ".NaN", "2020-01-12", "2020-01-12T22:17:00Z", "2020-01-12 22:17:00 +02:00",
            "<<", "<", "=", "!", "&", "*", "- x", "Armed robbery in Revesby", "EurekAlert!", "AUS&R"})
    void shouldResolveLikeSnakeYaml(String value) {
        assertThat(YamlScalars.resolve(value)).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, true));
    }

    @Test
    void shouldResolveEveryWordOfTheSamplesAndRandomTokensLikeSnakeYaml() {
        List<String> tokens = new ArrayList<>();
        for (var file : Samples.allArticles()) {
            for (String word : Samples.text(file).split("[\\s\"]+")) {
                tokens.add(word);
            }
        }
        Random random = new Random(7);
        String alphabet = "yYnNtTfFoOeEsSuUlL0123456789.-+_:~<x ";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int j = random.nextInt(7); j >= 0; j--) {
                t.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tokens.add(t.toString().strip());
        }
        for (String token : tokens) {
            assertThat(YamlScalars.resolve(token)).as(token).isEqualTo(SNAKEYAML.resolve(NodeId.scalar, token, true));
        }
    }
}
