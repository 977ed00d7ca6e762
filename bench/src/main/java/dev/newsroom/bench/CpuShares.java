package dev.newsroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which part of the stack used the machine's CPU during a run, from Linux's {@code /proc}: each service (by
 * its pid), PostgreSQL (every {@code postgres} process), a Kafka broker in a JVM of its own, the CLI, the
 * benchmark's own JVM (which runs the bench stack's broker) and anything else. It samples every process twice a second on a thread of its own, so a process that starts
 * during the run (a PostgreSQL backend, the CLI) counts from zero and one that ends counts up to its last
 * sample. Where the end-to-end figure falls short, this says whose CPU it went to.
 */
final class CpuShares implements AutoCloseable {

    /** A part's CPU seconds over the run, and the cores that makes on average. */
    record Share(String part, double seconds, double cores) {
    }

    private static final Path PROC = Path.of("/proc");
    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}): 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<Long, String> services;
    private final long self = ProcessHandle.current().pid();
    /** Per process: its part, its ticks when first seen (0 for one that started during the run) and last seen. */
    private final Map<Long, long[]> ticks = new HashMap<>();
    private final Map<Long, String> partOf = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private final long startNanos = System.nanoTime();
    private long endNanos;

    /** Starts sampling; {@code services} names the services' processes by pid. */
    CpuShares(Map<Long, String> services) {
        this.services = Map.copyOf(services);
        sample(true);
        sampler = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "cpu-shares");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Stops sampling (after a last sample) and returns each part's share, the busiest first. */
    Map<String, Share> finish() throws InterruptedException {
        close();
        double seconds = (endNanos - startNanos) / 1e9;
        Map<String, Long> byPart = new HashMap<>();
        synchronized (ticks) {
            ticks.forEach((pid, t) -> byPart.merge(partOf.get(pid), t[1] - t[0], Long::sum));
        }
        Map<String, Share> shares = new LinkedHashMap<>();
        byPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
            double cpu = e.getValue() / TICKS_PER_SECOND;
            shares.put(e.getKey(), new Share(e.getKey(), cpu, cpu / seconds));
        });
        return shares;
    }

    @Override
    public void close() throws InterruptedException {
        if (running.getAndSet(false)) {
            sampler.interrupt();
            sampler.join();
            sample(false);
            endNanos = System.nanoTime();
        }
    }

    private void sample(boolean first) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                long used = cpuTicks(process);
                if (used < 0) {
                    continue; // ended meanwhile
                }
                synchronized (ticks) {
                    long[] t = ticks.get(pid);
                    if (t == null) {
                        String part = partOf(pid, process);
                        if (part == null) {
                            continue;
                        }
                        partOf.put(pid, part);
                        ticks.put(pid, new long[] {first ? used : 0, used});
                    } else {
                        t[1] = Math.max(t[1], used);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PROC + ": CPU shares need Linux", e);
        }
    }

    /** utime + stime of {@code /proc/<pid>/stat} (fields 14 and 15, after the parenthesised command), or -1. */
    private static long cpuTicks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private String partOf(long pid, Path process) {
        if (services.containsKey(pid)) {
            return services.get(pid);
        }
        if (pid == self) {
            return "the benchmark's JVM (its Kafka broker, posts and watcher)";
        }
        try {
            String comm = Files.readString(process.resolve("comm"), StandardCharsets.US_ASCII).strip();
            String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
            if (comm.equals("postgres")) {
                return "PostgreSQL";
            }
            if (cmdline.contains("dev.newsroom.infra.KafkaBroker")) {
                return "Kafka broker";
            }
            if (cmdline.contains("newsroom-cli")) {
                return "the CLI";
            }
            return "everything else";
        } catch (IOException e) {
            return null; // ended meanwhile
        }
    }
}
