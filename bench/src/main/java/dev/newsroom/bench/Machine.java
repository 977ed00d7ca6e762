package dev.newsroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benchmarks ran on, as the report states it. */
record Machine(int cores, String cpu, long memoryMiB, String java, String os) {

    static Machine current() {
        String cpu = "unknown";
        long memoryMiB = Runtime.getRuntime().maxMemory() / (1 << 20);
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memoryMiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(memoryMiB);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep what the JVM knows
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memoryMiB,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }
}
