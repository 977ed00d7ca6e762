package dev.newsroom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.model.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Files per second through ingest's reader ({@link ParseBenchmark}, JMH, one and two threads) against
 * gray-matter on Node (one core, it is single-threaded) over the same sample files, in the same run.
 */
final class ParsingBench {

    private static final String SECTION = "parsing";

    private final Path benchDir;

    ParsingBench(Path benchDir) {
        this.benchDir = benchDir;
    }

    List<Figure> run() throws RunnerException, IOException, InterruptedException {
        double grayMatter = grayMatterFilesPerSecond();
        double oneThread = jmh("newsroomIntake", 1);
        double twoThreads = jmh("newsroomIntake", 2);
        double snakeYaml = jmh("plainSnakeYamlLoad", 1);

        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.context(SECTION, "gray-matter 4.0.3, Node " + nodeVersion() + ", 1 core", grayMatter, "files/s",
                "matter(text, {}) over the " + ParseBenchmark.FILES + " sample files; median of 5 rounds of 3 s"));
        figures.add(Figure.context(SECTION, "plain SnakeYAML load (SafeConstructor), 1 thread", snakeYaml, "files/s",
                "front matter only, no validation: for scale"));
        figures.add(Figure.atLeast(SECTION, "Newsroom intake, 1 thread", oneThread, "files/s", grayMatter,
                String.format("parse + validate + repair + canonical id + content hash; %.2f× gray-matter", oneThread / grayMatter)));
        figures.add(Figure.atLeast(SECTION, "Newsroom intake, 2 threads", twoThreads, "files/s", 2 * grayMatter,
                String.format("%.2f× gray-matter", twoThreads / grayMatter)));
        return figures;
    }

    private static double jmh(String benchmark, int threads) throws RunnerException {
        RunResult result = new Runner(new OptionsBuilder()
                .include(ParseBenchmark.class.getName() + "." + benchmark + "$")
                .threads(threads)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .build()).runSingle();
        return result.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private double grayMatterFilesPerSecond() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", benchDir.resolve("node/gray-matter-bench.js").toString(),
                Samples.root().toString(), "3", "5").redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (node.waitFor() != 0) {
            throw new IOException("gray-matter benchmark failed: " + output);
        }
        JsonNode json = new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        if (json.path("files").asInt() != ParseBenchmark.FILES) {
            throw new IOException("gray-matter read " + json.path("files") + " files, not " + ParseBenchmark.FILES);
        }
        return json.path("median").asDouble();
    }

    private static String nodeVersion() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return v;
    }
}
