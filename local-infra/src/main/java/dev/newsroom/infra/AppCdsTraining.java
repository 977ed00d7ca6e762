package dev.newsroom.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's AppCDS archive from a training run: the service is started once without an archive and with
 * {@code -XX:ArchiveClassesAtExit}, run until ready, asked for a few pages, and stopped; the JVM writes every
 * class it loaded, and links those loaded but not yet linked (the JDK's class loader's: every class of the
 * uber-jar), into {@code target/app-cds.jsa} as it exits.
 *
 * <p>Why not the archive Quarkus builds ({@code -Dquarkus.package.jar.appcds.enabled=true}): Quarkus makes it
 * by running the application only through its static initialisation, so it holds the classes loaded by then
 * and not those of the runtime start (Hibernate's session factory, the Kafka clients, the health checks).
 * For article-service that was 5,645 of the 15,021 classes it loads to ready; the others were read from the
 * jars and verified at every start. Measured on 2026-12-02 (article-service restarted on the samples, quiet
 * machine): ready in 3.9 to 4.1 s with Quarkus's archive, 2.7 to 3.3 s with the trained one, and about 10 MiB
 * less resident memory.
 *
 * <p>The run is a real one, against the infrastructure and the state the service runs with afterwards (a
 * ranking-service training run opens its index and ranks what is waiting, as a restart would). A marker
 * ({@code app-cds.trained}) newer than the application's jar says the archive is from this build; a new
 * package makes the jar newer, and the archive is trained again.
 */
public final class AppCdsTraining {

    static final String MARKER = "target/app-cds.trained";

    /** Pages asked for during the run, so that what answers them is archived too. */
    private static final Map<String, List<String>> PAGES = Map.of(
            "article-service", List.of("/", "/articles", "/articles?sort=heat", "/stories", "/feeds/stories.rss", "/q/health"),
            "ranking-service", List.of("/q/health"),
            "ingest-service", List.of("/q/health"));

    /** The JVM writes the archive at exit: 102 MB for article-service, seconds on a busy machine. */
    private static final Duration EXIT = Duration.ofMinutes(2);

    private AppCdsTraining() {
    }

    /**
     * {@code AppCdsTraining <project root> <log folder> <module>...}: what `./newsroom up` runs after a build.
     * The services read their configuration from the environment this is started with (the same variables
     * `./newsroom up` starts them with); each gets a free port of its own.
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: AppCdsTraining <project root> <log folder> <module>...");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Path logs = Path.of(args[1]);
        for (String module : List.of(args).subList(2, args.length)) {
            long started = System.nanoTime();
            if (trainIfNeeded(root, module, Map.of(), logs, Duration.ofMinutes(3))) {
                System.out.printf("%s: AppCDS archive trained in %d ms%n", module, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** Whether {@code module}'s archive comes from a training run of its current package. */
    public static boolean trained(Path projectRoot, String module) {
        Path moduleDir = projectRoot.resolve(module);
        Path marker = moduleDir.resolve(MARKER);
        Path jar = ServiceProcess.jar(projectRoot, module);
        try {
            return Files.isRegularFile(moduleDir.resolve(JvmOptions.APPCDS_ARCHIVE)) && Files.isRegularFile(marker)
                    && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Trains {@code module}'s archive unless {@link #trained}: starts it with {@code config} (as
     * {@link ServiceProcess#start} takes it), waits until ready, asks for its pages, stops it and keeps the
     * archive it wrote. Returns whether it trained.
     */
    public static boolean trainIfNeeded(Path projectRoot, String module, Map<String, String> config, Path logDir,
                                        Duration ready) {
        if (trained(projectRoot, module)) {
            return false;
        }
        Path archive = projectRoot.resolve(module).resolve(JvmOptions.APPCDS_ARCHIVE).toAbsolutePath();
        Path written = archive.resolveSibling("app-cds.jsa.training");
        try {
            Files.deleteIfExists(written);
            List<String> options = new ArrayList<>(JvmOptions.configured(projectRoot, module));
            options.add("-XX:ArchiveClassesAtExit=" + written);
            ServiceProcess service = ServiceProcess.start(projectRoot, module, module + "-appcds-training", options,
                    config, logDir, ready);
            Thread stopOnInterrupt = new Thread(service::close); // Ctrl-C leaves no training run behind
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
            try {
                visit(service.baseUrl(), PAGES.getOrDefault(module, List.of()));
            } finally {
                service.close(EXIT);
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            }
            if (!Files.isRegularFile(written)) {
                throw new IllegalStateException(module + " wrote no AppCDS archive; see " + service.log());
            }
            Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(projectRoot.resolve(module).resolve(MARKER), "trained\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void visit(String baseUrl, List<String> pages) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String page : pages) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl + page)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
