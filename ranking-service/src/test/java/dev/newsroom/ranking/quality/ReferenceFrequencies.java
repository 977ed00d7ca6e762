package dev.newsroom.ranking.quality;

import dev.newsroom.model.Article;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.ranking.service.TermRarity;
import dev.newsroom.ranking.service.TextAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the reference document frequencies of {@link TermRarity} from the bundled samples: every
 * sample file and every editorial related entry is one document (title, excerpt, topics, body).
 * Rewrites the resource when run as a program:
 * {@code ./mvnw -q -pl ranking-service -am test -DskipTests -Dbench=dev.newsroom.ranking.quality.ReferenceFrequencies}.
 */
public final class ReferenceFrequencies {

    private ReferenceFrequencies() {
    }

    public static String build() {
        TextAnalysis analysis = new TextAnalysis();
        Map<String, Integer> df = new TreeMap<>();
        int documents = 0;
        for (ArticleEvent event : SampleCorpus.all(true)) {
            Article a = event.article();
            Set<String> terms = new HashSet<>();
            analysis.forEachTerm(a.title(), terms::add);
            analysis.forEachTerm(a.excerpt(), terms::add);
            a.topics().forEach(t -> analysis.forEachTerm(t, terms::add));
            analysis.forEachTerm(a.body(), terms::add);
            terms.forEach(t -> df.merge(t, 1, Integer::sum));
            documents++;
        }
        StringBuilder out = new StringBuilder("# Reference document frequencies for TermRarity: built from samples/ by ReferenceFrequencies\n");
        out.append("#documents\t").append(documents).append('\n');
        df.forEach((term, n) -> out.append(term).append('\t').append(n).append('\n'));
        return out.toString();
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of("src/main/resources").resolve(TermRarity.RESOURCE.substring(1));
        Files.createDirectories(target.getParent());
        Files.writeString(target, build(), StandardCharsets.UTF_8);
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
