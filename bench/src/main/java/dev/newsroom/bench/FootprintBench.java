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

    void run(long stored, List<Figure> figures) throws IOException {
        for (String module : List.of("ingest-service", "ranking-service", "article-service")) {
            ServiceProcess service = stack.service(module);
            double rss = residentMiB(service.pid());
            figures.add(Figure.atMost(SECTION, module + " resident memory", rss, "MiB", 300,
                    String.format("VmRSS after the ingest and read benchmarks, %,d articles; JVM options %s", stored,
                            String.join(" ", JvmOptions.configured(stack.root(), module)))));
        }
        for (String module : List.of("ingest-service", "ranking-service", "article-service")) {
            long millis = stack.start(module);
            figures.add(Figure.atMost(SECTION, module + " time to ready", millis / 1000.0, "s", 3,
                    String.format("restart with %,d articles: from launching the JVM until /q/health/ready answers 200", stored)));
        }
    }

    static double residentMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
