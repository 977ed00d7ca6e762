package dev.newsroom.bench;

import dev.newsroom.infra.ServiceProcess;
import dev.newsroom.model.event.EventTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark's latency measurement alone on the stack a run kept (its {@code /tmp/newsroom-bench…/stack}
 * folder), without the benchmark's pre-warm: single files at a rate, watched until visible, with the CPU each
 * part used, and each consumer group's lag every second. The figures are printed, and each article's latency by when it was posted is written to
 * {@code latency-<rate>-<seed>.csv} beside the stack. With a number of rounds, the rounds follow each other on the same services (seeds seed, seed + 1, …):
 * the first one warms up the freshly started services.
 *
 * <pre>java -cp "bench/target/classes:bench/target/lib/*" dev.newsroom.bench.LatencyProbe /tmp/newsroom-bench…/stack 300 30 7</pre>
 * (the seed: each run on one stack needs its own, or it posts new versions of the articles the last one posted)
 */
public final class LatencyProbe {

    private LatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || !Files.isDirectory(Path.of(args[0], "data"))) {
            throw new IllegalArgumentException("usage: LatencyProbe <a benchmark run's stack directory> <per second> <seconds> <seed> [rounds]");
        }
        Path dir = Path.of(args[0]);
        try (Stack stack = new Stack(ServiceProcess.projectRoot(), dir)) {
            int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
            long started = System.nanoTime();
            Thread lags = new Thread(() -> {
                while (true) {
                    try {
                        System.out.printf("lag at %5.1f s: ranking-service %,d, article-service %,d%n", (System.nanoTime() - started) / 1e9,
                                stack.lag("ranking-service", EventTopics.INGESTED), stack.lag("article-service", EventTopics.RANKED));
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.out.println("lag: " + e);
                    }
                }
            }, "lags");
            lags.setDaemon(true);
            lags.start();
            IngestBench bench = new IngestBench(ServiceProcess.projectRoot(), stack, dir.getParent());
            for (int round = 0; round < rounds; round++) {
                List<Figure> figures = new ArrayList<>();
                bench.measure(Integer.parseInt(args[1]), Integer.parseInt(args[2]), "kept", figures, Long.parseLong(args[3]) + round,
                        round == 0 ? "" : " (after the round before it)");
                figures.forEach(figure -> System.out.println(figure.line()));
            }
        }
    }
}
