package dev.newsroom.bench;

import dev.newsroom.infra.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time to ready, again and again, on the data a benchmark run left: the footprint section restarts each
 * service once, and one restart on a shared two-core machine is a noisy figure. This starts the stack a
 * run kept in its work directory (Kafka, PostgreSQL, ranking's index, ingest's version snapshot: the
 * {@code stack} folder under the {@code newsroom-bench…} temporary directory), restarts each service
 * {@code rounds} times in turn and prints every time and the median.
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" dev.newsroom.bench.RestartTimes /tmp/newsroom-bench…/stack [rounds]</pre>
 */
public final class RestartTimes {

    private RestartTimes() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isDirectory(Path.of(args[0], "data"))) {
            throw new IllegalArgumentException("usage: RestartTimes <a benchmark run's stack directory> [rounds]");
        }
        Path work = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> modules = List.of("ingest-service", "ranking-service", "article-service");
        Map<String, List<Long>> times = new LinkedHashMap<>();
        try (Stack stack = new Stack(ServiceProcess.projectRoot(), work)) {
            for (int round = 0; round < rounds; round++) {
                for (String module : modules) {
                    long millis = stack.start(module);
                    times.computeIfAbsent(module, m -> new ArrayList<>()).add(millis);
                    System.out.printf("round %d  %-16s ready in %,d ms%n", round + 1, module, millis);
                }
            }
        }
        times.forEach((module, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            System.out.printf("%-16s median %,d ms of %s%n", module, sorted.get(sorted.size() / 2), list);
        });
    }
}
