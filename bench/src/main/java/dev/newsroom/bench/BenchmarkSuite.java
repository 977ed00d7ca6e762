package dev.newsroom.bench;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs Newsroom's benchmarks and writes BENCHMARKS.md and bench/charts/*.png. Usage (through
 * {@code bench/run}): no arguments runs every section but the soak ({@link Report#DEFAULT_SECTIONS});
 * otherwise the named sections ({@link Report#SECTIONS}); {@code render} only re-renders the report from bench/results.
 * {@code -Dbench.corpus} picks what the sustained ingest posts ({@link IngestBench#corpora}): the first corpus
 * fills the stack the latency, reads and footprint are measured on; with {@code both}, the realistic corpus is
 * then posted alone on a stack of its own (sustained ingest and its counts only).
 */
public final class BenchmarkSuite {

    /** The sections measured on one running stack, filled with {@link #ARTICLES} articles through the pipeline. */
    private static final Set<String> STACK_SECTIONS = Set.of("ingest", "reads", "footprint");
    static final int ARTICLES = Integer.getInteger("bench.articles", 100_000);

    private BenchmarkSuite() {
    }

    /** The figures, each noting the corpus the stack held: what reads and memory cost depends on what was stored. */
    private static List<Figure> holding(String corpus, List<Figure> figures) {
        return figures.stream().map(f -> new Figure(f.section(), f.name(), f.value(), f.unit(), f.target(), f.met(),
                (f.note() == null || f.note().isEmpty() ? "" : f.note() + "; ") + "stack holding the " + corpus + " corpus"))
                .toList();
    }

    private static void record(Report report, String section, Machine machine, List<Figure> figures) throws Exception {
        System.out.println("== " + section);
        figures.forEach(f -> System.out.printf("   %-60s %14s %-10s %s%n", f.name(), Figure.format(f.value()), f.unit(),
                f.target() == null ? "" : f.target() + (Boolean.TRUE.equals(f.met()) ? "  met" : "  MISSED")));
        report.save(section, "bench/run " + section, machine, figures);
    }

    public static void main(String[] args) throws Exception {
        Path root = ServiceProcess.projectRoot();
        Report report = new Report(root);
        Set<String> sections = new LinkedHashSet<>(args.length == 0 ? Report.DEFAULT_SECTIONS : List.of(args));
        if (sections.remove("render")) {
            report.render();
            return;
        }
        for (String s : sections) {
            if (!Report.SECTIONS.contains(s)) {
                throw new IllegalArgumentException("unknown section " + s + "; known: " + Report.SECTIONS);
            }
        }
        List<String> corpora = IngestBench.corpora(); // a wrong -Dbench.corpus fails now, not after the limits
        Machine machine = Machine.current();
        Path work = Files.createTempDirectory("newsroom-bench");
        LimitsBench.Limits limits = null;
        if (sections.contains("limits") || sections.stream().anyMatch(STACK_SECTIONS::contains)) {
            List<Figure> figures = new ArrayList<>();
            try (Infrastructure infra = Infrastructure.durable(work.resolve("limits"), Infrastructure.freePort(),
                    Infrastructure.freePort(), Infrastructure.freePort(), 4)) {
                limits = new LimitsBench(infra).run(figures);
            }
            record(report, "limits", machine, figures);
            sections.remove("limits");
        }
        if (sections.remove("parsing")) {
            record(report, "parsing", machine, new ParsingBench(root.resolve("bench")).run());
        }
        if (sections.remove("ranking")) {
            List<Figure> figures = new ArrayList<>();
            new RankingBench(root).run(figures);
            record(report, "ranking", machine, figures);
        }
        if (sections.remove(SoakBench.SECTION)) {
            // a stack of its own: the soak starts empty and its memory is not the other sections' leftovers
            List<Figure> figures = new ArrayList<>();
            try (Stack stack = new Stack(root, work.resolve("soak"))) {
                new SoakBench(stack).run(figures);
            }
            record(report, SoakBench.SECTION, machine, figures);
        }
        if (sections.stream().anyMatch(STACK_SECTIONS::contains)) {
            String held = corpora.get(0);
            List<Figure> ingest = new ArrayList<>();
            // One stack for the three: the reads and the footprint are measured on what the ingest stored.
            try (Stack stack = new Stack(root, work.resolve("stack"))) {
                IngestBench bench = new IngestBench(root, stack, work);
                bench.sustained(held, ARTICLES, ingest, limits);
                if (sections.contains("ingest")) {
                    record(report, "ingest", machine, ingest);
                    bench.latency(300, 30, held, ingest);
                    record(report, "ingest", machine, ingest);
                    bench.latency(1000, 30, held, ingest); // above what the pipeline sustains: how the queue grows
                    record(report, "ingest", machine, ingest);
                    bench.latency(50, 30, held, ingest); // a rate the pipeline sustains: its latency floor
                    record(report, "ingest", machine, ingest);
                }
                stack.awaitIdlePipeline(Duration.ofMinutes(20));
                long stored = Http.liveArticles(stack.articlesUrl());
                if (sections.contains("reads")) {
                    List<Figure> reads = new ArrayList<>();
                    new ReadBench(root, stack, work).run(stored, reads);
                    record(report, "reads", machine, holding(held, reads));
                }
                if (sections.contains("footprint")) {
                    List<Figure> footprint = new ArrayList<>();
                    String after = "the sustained ingest" + (sections.contains("ingest") ? ", the latency runs" : "")
                            + (sections.contains("reads") ? " and the read benchmark" : "");
                    new FootprintBench(stack).run(stored, after, footprint);
                    record(report, "footprint", machine, holding(held, footprint));
                }
            }
            if (sections.contains("ingest")) {
                // Each further corpus (-Dbench.corpus=both) on a stack of its own, started empty once the first is
                // closed: its counts are not the first corpus's leftovers, and two stacks would not fit this machine.
                for (String corpus : corpora.subList(1, corpora.size())) {
                    try (Stack stack = new Stack(root, work.resolve("stack-" + corpus))) {
                        new IngestBench(root, stack, work).sustained(corpus, ARTICLES, ingest, limits);
                    }
                    record(report, "ingest", machine, ingest);
                }
            }
        }
        report.render();
    }
}
