package dev.newsroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranking speed at 10,000 and 100,000 indexed articles: ranking-service's own benchmark (the pure
 * ranking core, as the listener drives it), run through Maven as its README says, its result lines read.
 */
final class RankingBench {

    static final String SECTION = "ranking";
    static final String COMMAND = "./mvnw -q -pl ranking-service -am test -DskipTests -Dbench=dev.newsroom.ranking.bench.RankingBenchmark";
    private static final Pattern RESULT = Pattern.compile(
            "BENCH-RESULT articles=(\\d+) articlesPerSecond=([0-9.]+) microsPerArticleLast1000=([0-9.]+)");
    private static final Pattern REOPEN = Pattern.compile("BENCH-REOPEN articles=(\\d+) millis=(\\d+)");
    private static final Pattern STORY = Pattern.compile(
            "BENCH-STORY micros10=([0-9.]+) micros1000=([0-9.]+) records10=([0-9.]+) records1000=([0-9.]+)");

    private final Path root;

    RankingBench(Path root) {
        this.root = root;
    }

    void run(List<Figure> figures) throws IOException, InterruptedException {
        Process maven = new ProcessBuilder("bash", "-c", COMMAND).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (maven.waitFor() != 0) {
            throw new IOException("the ranking benchmark failed:\n" + output);
        }
        double at10k = 0;
        double at100k = 0;
        Matcher m = RESULT.matcher(output);
        while (m.find()) {
            int articles = Integer.parseInt(m.group(1));
            double perSecond = Double.parseDouble(m.group(2));
            double micros = Double.parseDouble(m.group(3));
            String size = String.format("%,d", articles);
            figures.add(Figure.context(SECTION, "µs per article with " + size + " indexed (last 1,000)", micros, "µs",
                    "index + rank + re-rank the articles it changed, plus its share of the index commit that covers it"
                            + " (the last commit's time over the articles it committed); median of three runs"));
            if (articles == 100_000) {
                // issue 10's target: the speed the ranking had with its corpus on the heap (an earlier issue asked 5,000)
                figures.add(Figure.atLeast(SECTION, "articles per second, " + size + " indexed", perSecond, "articles/s",
                        6445, "the whole run from empty to " + size + "; median of three runs"));
                at100k = micros;
            } else {
                figures.add(Figure.context(SECTION, "articles per second, " + size + " indexed", perSecond, "articles/s",
                        "the whole run from empty to " + size + "; median of three runs"));
                at10k = micros;
            }
        }
        if (at10k == 0 || at100k == 0) {
            throw new IOException("no result lines in the ranking benchmark's output:\n" + output);
        }
        figures.add(Figure.atMost(SECTION, "growth of the per-article time, 10k → 100k", at100k / at10k, "×", 1.3,
                "last 1,000 articles at each size, each with its share of a commit"));
        Matcher reopen = REOPEN.matcher(output);
        if (reopen.find()) {
            figures.add(Figure.context(SECTION, "index reopened with 100,000 articles", Double.parseDouble(reopen.group(2)) / 1000,
                    "s", "what a restarted instance does before it reads the topic's tail: open the committed index and load"
                            + " its graph; median of three"));
        }
        Matcher story = STORY.matcher(output);
        if (story.find()) {
            double tenth = Double.parseDouble(story.group(1));
            double thousandth = Double.parseDouble(story.group(2));
            String how = "one story's members a day apart beside 10,000 articles; median of members 6-15 and 996-1,005,"
                    + " median of three stories";
            figures.add(Figure.context(SECTION, "µs to index and rank a story's 10th member", tenth, "µs", how));
            figures.add(Figure.context(SECTION, "µs to index and rank a story's 1,000th member", thousandth, "µs", how));
            figures.add(Figure.atMost(SECTION, "cost of a story's 1,000th member against its 10th (ranking)", thousandth / tenth,
                    "×", 1.2, how));
            figures.add(Figure.context(SECTION, "ranked records per member, a story's 1,000th member",
                    Double.parseDouble(story.group(4)), "records", "10th: " + story.group(3)));
        }
    }
}
