package dev.newsroom.bench;

import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs Newsroom's benchmarks and writes BENCHMARKS.md and bench/charts/*.png. Usage (through
 * {@code bench/run}): no arguments runs every section; otherwise the named sections
 * ({@link Report#SECTIONS}); {@code render} only re-renders the report from bench/results.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path root = ServiceProcess.projectRoot();
        Report report = new Report(root);
        Set<String> sections = new LinkedHashSet<>(args.length == 0 ? Report.SECTIONS : List.of(args));
        if (sections.remove("render")) {
            report.render();
            return;
        }
        for (String s : sections) {
            if (!Report.SECTIONS.contains(s)) {
                throw new IllegalArgumentException("unknown section " + s + "; known: " + Report.SECTIONS);
            }
        }
        Machine machine = Machine.current();
        Path work = Files.createTempDirectory("newsroom-bench");
        for (String section : sections) {
            String command = "bench/run " + section;
            System.out.println("== " + section);
            List<Figure> figures = new ArrayList<>();
            switch (section) {
                case "parsing" -> figures.addAll(new ParsingBench(root.resolve("bench")).run());
                case "limits" -> {
                    try (Infrastructure infra = Infrastructure.durable(work.resolve("limits"), Infrastructure.freePort(),
                            Infrastructure.freePort(), Infrastructure.freePort(), 4)) {
                        new LimitsBench(infra).run(figures);
                    }
                }
                default -> {
                    System.out.println("   (" + section + " is not wired in yet)");
                    continue;
                }
            }
            figures.forEach(f -> System.out.printf("   %-60s %14s %-10s %s%n", f.name(), Figure.format(f.value()), f.unit(),
                    f.target() == null ? "" : f.target() + (Boolean.TRUE.equals(f.met()) ? "  met" : "  MISSED")));
            report.save(section, command, machine, figures);
        }
        report.render();
    }
}
