package dev.newsroom.bench;

import dev.newsroom.infra.ServiceProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the stack a benchmark run kept (its {@code /tmp/newsroom-bench…/stack} folder: Kafka, PostgreSQL,
 * ranking's index, ingest's version snapshot) and keeps it up, so that one service can be looked at with
 * the data of 100,000 articles: its memory ({@code jcmd <pid> VM.native_memory}), a profile, a load of one's
 * own. It prints each service's URL and pid. Lines on standard input:
 * <ul>
 * <li>{@code restart <module>} restarts that service, with the JVM options jvm-options.properties holds then;
 * <li>{@code load <per second> <seconds> <seed>} posts single files at that rate and waits until they are visible,
 *     as the benchmark's latency measurement does (each load needs its own seed);
 * <li>{@code reads} runs the benchmark's read measurements (wrk);
 * <li>{@code memory} prints each service's resident memory;
 * </ul>
 * and the end of input stops everything.
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" dev.newsroom.bench.KeptStack /tmp/newsroom-bench…/stack</pre>
 */
public final class KeptStack {

    private KeptStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0], "data"))) {
            throw new IllegalArgumentException("usage: KeptStack <a benchmark run's stack directory>");
        }
        try (Stack stack = new Stack(ServiceProcess.projectRoot(), Path.of(args[0]))) {
            print(stack.services());
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            Path work = Path.of(args[0]).toAbsolutePath().getParent();
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words.length == 2 && words[0].equals("restart") && stack.services().containsKey(words[1])) {
                    System.out.printf("%s ready in %,d ms%n", words[1], stack.start(words[1]));
                    print(stack.services());
                } else if (words.length == 4 && words[0].equals("load")) {
                    List<Figure> figures = new ArrayList<>();
                    new IngestBench(ServiceProcess.projectRoot(), stack, work).measure(Integer.parseInt(words[1]),
                            Integer.parseInt(words[2]), "kept", figures, Long.parseLong(words[3]), "");
                    printAll(figures);
                } else if (words.length == 1 && words[0].equals("reads")) {
                    List<Figure> figures = new ArrayList<>();
                    new ReadBench(ServiceProcess.projectRoot(), stack, work).run(Http.liveArticles(stack.articlesUrl()), figures);
                    printAll(figures);
                } else if (words.length == 1 && words[0].equals("memory")) {
                    for (Map.Entry<String, ServiceProcess> service : stack.services().entrySet()) {
                        System.out.printf("%-16s resident %,.0f MiB%n", service.getKey(), FootprintBench.residentMiB(service.getValue().pid()));
                    }
                } else if (!line.isBlank()) {
                    System.out.println("restart <module>, load <per second> <seconds> <seed>, reads, memory, or end the input to stop");
                }
                System.out.flush();
            }
        }
    }

    private static void printAll(List<Figure> figures) {
        figures.forEach(figure -> System.out.println(figure.line()));
    }

    private static void print(Map<String, ServiceProcess> services) {
        services.forEach((module, service) -> System.out.printf("%-16s %s pid %d%n", module, service.baseUrl(), service.pid()));
        System.out.flush();
    }
}
