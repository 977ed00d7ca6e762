package dev.newsroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which part of the stack used the machine's CPU during a run, from Linux's {@code /proc}: each service, the
 * Kafka broker (by their pids; the bench stack's broker runs in the benchmark's own JVM), PostgreSQL (every
 * {@code postgres} process), the CLI and anything else. It samples every process twice a second on a thread
 * of its own, so a process that starts during the run (a PostgreSQL backend, the CLI) counts from zero and one
 * that ends counts up to its last sample. Where the end-to-end figure falls short, this says whose CPU it went
 * to. Of each JVM it knows by pid, it also counts what the JIT compiler threads used: a service freshly started
 * spends much of its first minute compiling (BENCHMARKS.md, "fourteenth pass").
 */
final class CpuShares implements AutoCloseable {

    /**
     * A part's CPU seconds over the run, and the cores that makes on average; of those seconds, what its JIT
     * compiler threads used (0 for a part that is no JVM known by pid).
     */
    record Share(String part, double seconds, double cores, double jitSeconds) {
    }

    /** A process seen during the run: its part, its CPU ticks when first seen (0 if it started during the run) and last. */
    private static final class Seen {
        final String part;
        final long first;
        long last;
        /** Its JIT compiler threads' ticks, by thread id: each thread's first and last sample. */
        final Map<Long, long[]> compilers = new HashMap<>();
        /** The thread ids known not to be compiler threads (a thread's name is read once). */
        final Set<Long> others = new HashSet<>();

        Seen(String part, long first, long last) {
            this.part = part;
            this.first = first;
            this.last = last;
        }

        long jitTicks() {
            return compilers.values().stream().mapToLong(ticks -> ticks[1] - ticks[0]).sum();
        }
    }

    private static final Path PROC = Path.of("/proc");
    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}): 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** The parts known by pid: the services, the Kafka broker, the benchmark's JVM. */
    private final Map<Long, String> named;
    private final Map<Long, Seen> seen = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private final long startNanos = System.nanoTime();
    private long endNanos;

    private CpuShares(Map<Long, String> named) {
        this.named = Map.copyOf(named);
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

    /** Starts sampling the stack's processes. */
    static CpuShares of(Stack stack) {
        Map<Long, String> named = new HashMap<>();
        long self = ProcessHandle.current().pid();
        long kafka = stack.infrastructure.kafka().pid();
        named.put(self, "the benchmark's JVM (its posts and watcher)");
        named.put(kafka, kafka == self ? "the benchmark's JVM (its Kafka broker, posts and watcher)" : "Kafka broker");
        stack.services().forEach((module, process) -> named.put(process.pid(), module));
        return new CpuShares(named);
    }

    /** Stops sampling (after a last sample) and returns each part's share, the busiest first. */
    List<Share> finish() throws InterruptedException {
        close();
        double seconds = (endNanos - startNanos) / 1e9;
        Map<String, Long> ticksByPart = new LinkedHashMap<>();
        Map<String, Long> jitTicksByPart = new HashMap<>();
        synchronized (seen) {
            seen.values().forEach(s -> {
                ticksByPart.merge(s.part, s.last - s.first, Long::sum);
                jitTicksByPart.merge(s.part, s.jitTicks(), Long::sum);
            });
        }
        return ticksByPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new Share(e.getKey(), e.getValue() / TICKS_PER_SECOND, e.getValue() / TICKS_PER_SECOND / seconds,
                        jitTicksByPart.get(e.getKey()) / TICKS_PER_SECOND))
                .toList();
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
                synchronized (seen) {
                    Seen s = seen.get(pid);
                    if (s != null) {
                        s.last = Math.max(s.last, used);
                    } else {
                        String part = partOf(pid, process);
                        if (part == null) {
                            continue;
                        }
                        s = new Seen(part, first ? used : 0, used);
                        seen.put(pid, s);
                    }
                    if (named.containsKey(pid)) {
                        sampleCompilers(s, process, first);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PROC + ": CPU shares need Linux", e);
        }
    }

    /**
     * The ticks of the JVM's JIT compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}, …; Linux
     * keeps the first 15 characters of a thread's name). A compiler thread that starts during the run counts
     * from zero; one that the JVM ends counts up to its last sample.
     */
    private static void sampleCompilers(Seen s, Path process, boolean first) {
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                long tid = Long.parseLong(thread.getFileName().toString());
                if (s.others.contains(tid)) {
                    continue;
                }
                long[] ticks = s.compilers.get(tid);
                if (ticks == null) {
                    String name;
                    try {
                        name = Files.readString(thread.resolve("comm"), StandardCharsets.US_ASCII).strip();
                    } catch (IOException e) {
                        continue; // ended meanwhile
                    }
                    if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                        s.others.add(tid);
                        continue;
                    }
                    long used = cpuTicks(thread);
                    if (used >= 0) {
                        s.compilers.put(tid, new long[] {first ? used : 0, used});
                    }
                } else {
                    ticks[1] = Math.max(ticks[1], cpuTicks(thread));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile: its last sample stands
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

    /** The part a process belongs to, or null when it ended meanwhile. */
    private String partOf(long pid, Path process) {
        if (named.containsKey(pid)) {
            return named.get(pid);
        }
        try {
            if (Files.readString(process.resolve("comm"), StandardCharsets.US_ASCII).strip().equals("postgres")) {
                return "PostgreSQL";
            }
            String cmdline = Files.readString(process.resolve("cmdline"), StandardCharsets.UTF_8);
            return cmdline.contains("newsroom-cli") ? "the CLI" : "everything else";
        } catch (IOException e) {
            return null;
        }
    }
}
