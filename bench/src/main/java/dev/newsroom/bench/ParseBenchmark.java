package dev.newsroom.bench;

import dev.newsroom.ingest.service.ArticleIntake;
import dev.newsroom.model.Samples;
import dev.newsroom.model.seed.SeedFormatLimits;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Files per second through ingest's reader: parse (strict UTF-8, front matter, YAML), validate, repair,
 * canonical URL and id, content hash — {@code ArticleIntake.examine}, exactly what {@code POST /ingest}
 * runs per file. Beside it, plain SnakeYAML (SafeConstructor, load only) on the same front matter, for
 * scale. Every invocation reads all sample files once; the score is files per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ParseBenchmark {

    /** Number of sample files (seed + corpus); asserted at setup so the per-file score stays honest. */
    static final int FILES = 482;

    private byte[][] files;
    private String[] names;
    private String[] frontMatters;
    private ArticleIntake intake;

    @Setup
    public void load() {
        List<Path> paths = Samples.allArticles();
        if (paths.size() != FILES) {
            throw new IllegalStateException("expected " + FILES + " sample files, found " + paths.size());
        }
        files = new byte[FILES][];
        names = new String[FILES];
        frontMatters = new String[FILES];
        for (int i = 0; i < FILES; i++) {
            files[i] = Samples.bytes(paths.get(i));
            names[i] = paths.get(i).getFileName().toString();
            String text = new String(files[i], StandardCharsets.UTF_8).replace("\r\n", "\n");
            int start = text.indexOf('\n') + 1;
            frontMatters[i] = text.substring(start, text.indexOf("\n---\n", start) + 1);
        }
        intake = new ArticleIntake(SeedFormatLimits.DEFAULT, 1 << 20);
    }

    @Benchmark
    @OperationsPerInvocation(FILES)
    public void newsroomIntake(Blackhole bh) {
        for (int i = 0; i < FILES; i++) {
            bh.consume(intake.examine(names[i], files[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(FILES)
    public void plainSnakeYamlLoad(Blackhole bh) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (int i = 0; i < FILES; i++) {
            bh.consume((Object) yaml.load(new StringReader(frontMatters[i])));
        }
    }
}
