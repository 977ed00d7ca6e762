package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;
import dev.newsroom.model.json.Json;
import dev.newsroom.model.problem.Problem;
import dev.newsroom.model.seed.FieldProblem;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The drop folder ({@code newsroom.ingest.drop-folder.path}, off unless set): article files and archives
 * that appear in it are ingested like an upload, then moved to {@code processed/} (accepted or unchanged)
 * or {@code rejected/}, where {@code <name>.error.json} beside the file holds its problem (RFC 9457, the
 * same as the HTTP answer). While Kafka is unavailable, and at start until the versions already ingested
 * are known, files stay where they are and are tried again.
 *
 * <p>A file is picked up once it has not changed for {@code settle-time}; names starting with a dot or
 * ending in {@code .part} or {@code .tmp} are left alone, so writers can write under such a name and
 * rename when done. The bearer token does not apply: whoever may write the folder may ingest.
 */
@ApplicationScoped
public class DropFolder {

    private static final Logger LOG = Logger.getLogger(DropFolder.class);

    private final IngestService ingest;
    private final IngestConfig.DropFolder config;
    private final UploadLimits limits;
    private final ArchiveUnpacker archives;
    private final Duration retryAfter;
    private volatile boolean running = true;
    private Thread watcher;

    public DropFolder(IngestService ingest, IngestConfig config) {
        this.ingest = ingest;
        this.config = config.dropFolder();
        this.limits = UploadLimits.of(config);
        this.archives = new ArchiveUnpacker(limits);
        this.retryAfter = Duration.ofSeconds(config.retryAfterSeconds());
    }

    void onStart(@Observes StartupEvent event) {
        config.path().ifPresent(folder -> {
            try {
                Files.createDirectories(folder.resolve("processed"));
                Files.createDirectories(folder.resolve("rejected"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the drop folder " + folder, e);
            }
            watcher = new Thread(() -> watch(folder), "drop-folder");
            watcher.setDaemon(true);
            watcher.start();
            LOG.infof("watching the drop folder %s every %s", folder, config.pollInterval());
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    private void watch(Path folder) {
        while (running) {
            Duration pause = config.pollInterval();
            try {
                if (ingest.isReady()) {
                    sweep(folder);
                } // else the files wait until the versions already ingested are known (as HTTP answers 503)
            } catch (NotReadyException e) {
                LOG.infof("the drop folder's files wait: %s", e.getMessage());
            } catch (BrokerUnavailableException e) {
                LOG.warnf("Kafka unavailable; the drop folder's files wait (%s)", e.getMessage());
                pause = retryAfter;
            } catch (RuntimeException | IOException e) {
                LOG.errorf(e, "sweeping the drop folder %s failed; trying again", folder);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ingests every settled file in the folder now (one batch of article files, then each archive). */
    public void sweep(Path folder) throws IOException {
        List<Path> articles = new ArrayList<>();
        Instant settled = Instant.now().minus(config.settleTime());
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp")
                        || Files.getLastModifiedTime(file).toInstant().isAfter(settled)) {
                    continue;
                }
                if (isArchive(name)) {
                    sweepArchive(folder, file);
                } else if (ArchiveUnpacker.isArticleFileName(name)) {
                    articles.add(file);
                } else {
                    reject(folder, file, Problem.of(415, "not-an-article-file", "Not an article file",
                            "not an article file; the drop folder takes .md (.markdown, .txt) files and .zip or .tar.gz archives")
                            .withProblems(List.of(new FieldProblem(name, 0, 0, null, "not an article file"))));
                }
                if (articles.size() == limits.maxFilesPerBatch()) {
                    sweepArticles(folder, articles);
                    articles.clear();
                }
            }
        }
        sweepArticles(folder, articles);
    }

    private void sweepArticles(Path folder, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        List<SubmittedFile> submitted = new ArrayList<>();
        for (Path file : files) {
            submitted.add(read(file));
        }
        BatchOutcome batch = ingest.ingestBatch(submitted);
        for (int i = 0; i < files.size(); i++) {
            FileOutcome outcome = batch.items().get(i);
            if (outcome.isRejected()) {
                ArticleRejectedException e = new ArticleRejectedException(outcome.code(), outcome.problems());
                reject(folder, files.get(i), Problem.of(e.status(), e.slug(), e.title(), e.getMessage())
                        .withProblems(e.problems()));
            } else {
                move(files.get(i), folder.resolve("processed"));
            }
        }
        LOG.infof("drop folder: %d accepted, %d unchanged, %d rejected", batch.accepted(), batch.unchanged(), batch.rejected());
    }

    private void sweepArchive(Path folder, Path file) throws IOException {
        String name = file.getFileName().toString();
        BatchOutcome batch;
        try (InputStream in = Files.newInputStream(file)) {
            List<SubmittedFile> entries = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? archives.unzip(name, in)
                    : archives.untarGz(name, in);
            batch = ingest.ingestBatch(entries);
        } catch (UploadRejectedException e) {
            reject(folder, file, Problem.of(e.status(), e.slug(), e.title(), e.getMessage()).withProblems(e.problems()));
            return;
        }
        List<FieldProblem> problems = batch.items().stream().filter(FileOutcome::isRejected)
                .flatMap(o -> o.problems().stream()).toList();
        if (problems.isEmpty()) {
            move(file, folder.resolve("processed"));
        } else {
            // the archive's good files are ingested; the archive goes where its author will look for the others
            reject(folder, file, Problem.of(422, "rejected-entries", "Some files of the archive were rejected",
                    batch.rejected() + " of " + batch.items().size() + " file(s) rejected; the others were ingested")
                    .withProblems(problems));
        }
    }

    private SubmittedFile read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (Files.size(file) > limits.maxFileBytes()) {
            return SubmittedFile.refused(name, ArticleIntake.tooLarge(name, limits.maxFileBytes()));
        }
        return SubmittedFile.of(name, Files.readAllBytes(file));
    }

    private static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".zip") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    private static void reject(Path folder, Path file, Problem problem) throws IOException {
        Path target = move(file, folder.resolve("rejected"));
        Files.writeString(target.resolveSibling(target.getFileName() + ".error.json"),
                Json.write(problem.withInstance(target.toString())), StandardCharsets.UTF_8);
    }

    /** Moves a file into {@code dir}; a file of the same name there (an earlier drop) is replaced. */
    private static Path move(Path file, Path dir) throws IOException {
        return Files.move(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
