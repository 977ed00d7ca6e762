package dev.newsroom.bench;

import dev.newsroom.infra.JvmOptions;
import dev.newsroom.infra.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Each service's resident memory with everything stored, and its time to ready when restarted on that data. */
final class FootprintBench {

    static final String SECTION = "footprint";

    private final Stack stack;

    FootprintBench(Stack stack) {
        this.stack = stack;
    }

    /** @param after what ran on the stack before, for the figures' notes (e.g. "the sustained ingest and the read benchmark") */
    void run(long stored, String after, List<Figure> figures) throws IOException {
        for (String module : List.of("ingest-service", "ranking-service", "article-service")) {
            ServiceProcess service = stack.service(module);
            double rss = residentMiB(service.pid());
            figures.add(Figure.atMost(SECTION, module + " resident memory", rss, "MiB", 300,
                    String.format("VmRSS after %s, %,d articles; JVM options %s", after, stored,
                            String.join(" ", JvmOptions.configured(stack.root(), module)))));
            // what of it is the process's own memory, and what pages of mapped files (a Lucene index)
            figures.add(Figure.context(SECTION, module + " resident memory, anonymous", status(service.pid(), "RssAnon:"),
                    "MiB", "RssAnon: the heap, metaspace, code, thread stacks, direct buffers"));
            figures.add(Figure.context(SECTION, module + " resident memory, mapped files", status(service.pid(), "RssFile:"),
                    "MiB", "RssFile: pages of mapped files in memory (jars, the AppCDS archive, ranking's Lucene index"
                            + " through MMapDirectory), shared with the page cache and given back under memory pressure"));
        }
        for (String module : List.of("ingest-service", "ranking-service", "article-service")) {
            long millis = stack.start(module);
            figures.add(Figure.atMost(SECTION, module + " time to ready", millis / 1000.0, "s", 3,
                    String.format("restart with %,d articles: from launching the JVM until /q/health/ready answers 200", stored)));
        }
        long rebuild = stack.rebuildRanking();
        figures.add(Figure.context(SECTION, "ranking-service full rebuild", rebuild / 1000.0, "s",
                String.format("index deleted, rebuilt from articles.ingested (%,d articles): from launching the JVM until"
                        + " /q/health/ready answers 200", stored)));
    }

    static double residentMiB(long pid) throws IOException {
        return status(pid, "VmRSS:");
    }

    /** A memory line of {@code /proc/<pid>/status}, in MiB. */
    private static double status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no " + field + " for pid " + pid);
    }
}
