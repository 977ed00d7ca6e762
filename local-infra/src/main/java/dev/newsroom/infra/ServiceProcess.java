package dev.newsroom.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One packaged Newsroom service ({@code <module>/target/<module>-runner.jar}, {@link #jar}) running as a
 * process of its own, on a port of its own, its output in a log file. For end-to-end and scale-out
 * tests: they drive the services over HTTP and Kafka only, as a user would.
 *
 * <p>Each process runs in a working directory of its own beside its log ({@code <instanceName>.work},
 * emptied first, kept across {@link #restart}), so that what a service keeps on disk at a relative path
 * (ranking-service's index, {@code data/ranking-index} by default) is its own, as on separate machines:
 * two instances never share it, and nothing of an earlier run is taken for this one's.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Path workingDirectory;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Path workingDirectory, List<String> command,
                           Map<String, String> environment, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.workingDirectory = workingDirectory;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.process = process;
    }

    /**
     * Starts {@code module}'s packaged application with the JVM options and environment it ships with
     * ({@link JvmOptions}: those of `./newsroom up`) and the given configuration (Quarkus property names,
     * passed as system properties), and waits up to {@code timeout} until {@code /q/health/ready} answers 200.
     */
    public static ServiceProcess start(Path projectRoot, String module, String instanceName, Map<String, String> config,
                                       Path logDir, Duration timeout) {
        return start(projectRoot, module, instanceName, JvmOptions.of(projectRoot, module), config, logDir, timeout);
    }

    /** As {@link #start(Path, String, String, Map, Path, Duration)}, with the JVM options given. */
    public static ServiceProcess start(Path projectRoot, String module, String instanceName, List<String> jvmOptions,
                                       Map<String, String> config, Path logDir, Duration timeout) {
        Path jar = jar(projectRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        int port = Infrastructure.freePort();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.toAbsolutePath().resolve(instanceName + ".log");
            Files.deleteIfExists(log);
            Path workingDirectory = logDir.toAbsolutePath().resolve(instanceName + ".work");
            deleteRecursively(workingDirectory);
            Files.createDirectories(workingDirectory);
            linkApplication(jar.toAbsolutePath(), workingDirectory);
            return launch(instanceName, port, log, workingDirectory, command, JvmOptions.environment(projectRoot), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The packaged service: one jar with every class it runs (Quarkus's uber-jar), so that the JDK's own class
     * loader loads them and its AppCDS archive serves them without reading the jar (README, "Memory and
     * start-up").
     */
    public static Path jar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target").resolve(module + "-runner.jar");
    }

    /**
     * Links the packaged service's jar into the instance's working directory, which the JVM is started in with
     * a relative {@code -jar}. An AppCDS archive records the class path as its training run gave it, and Java
     * 17 uses the archive only where that class path resolves the same way: started with the jar's absolute
     * path, every service ignored its archive.
     */
    private static void linkApplication(Path jar, Path workingDirectory) throws IOException {
        Files.createSymbolicLink(workingDirectory.resolve(jar.getFileName()), jar);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceProcess launch(String name, int port, Path log, Path workingDirectory, List<String> command,
                                         Map<String, String> environment, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            ServiceProcess service = new ServiceProcess(name, port, log, workingDirectory, command, environment, process);
            service.awaitReady(timeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the service with SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed or
     * committed; what it had in hand is what a crash would leave.
     */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /**
     * Starts the same service again (same command, same port, its log appended to) once this one has
     * ended, and waits until it is ready, as a supervisor restarting a crashed service would.
     */
    public ServiceProcess restart(Duration timeout) {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return launch(name, port, log, workingDirectory, command, environment, timeout);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process.onExit().completeOnTimeout(null, 200, java.util.concurrent.TimeUnit.MILLISECONDS).join();
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** Stops the service gracefully (SIGTERM), forcibly after 20 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    /** Stops the service gracefully (SIGTERM), forcibly after {@code grace}. */
    public void close(Duration grace) {
        process.destroy();
        try {
            if (process.onExit().completeOnTimeout(null, grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).join() == null) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** This JVM's {@code java}: what the packaged services and the command line are run with. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The repository's root folder, found from any module's working directory. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("article-service"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no Newsroom checkout above " + Path.of("").toAbsolutePath());
    }
}
