package dev.newsroom.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code newsroom ingest PATH...}: uploads article files (and every {@code .md}, {@code .markdown} or
 * {@code .txt} file under folders) to ingest-service in multipart batches, with a progress line, retries
 * while Kafka is unavailable (503) or the service unreachable, and a summary. Exit code 0 when every
 * file was accepted or unchanged, 1 when any was rejected, 2 when any could not be delivered.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Upload article files and folders to ingest-service.")
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to upload.")
    List<Path> paths;

    @Option(names = "--url", defaultValue = "${env:NEWSROOM_INGEST_URL:-http://127.0.0.1:8081}",
            description = "ingest-service base URL (default: ${DEFAULT-VALUE}, env NEWSROOM_INGEST_URL).")
    URI url;

    @Option(names = "--token", defaultValue = "${env:NEWSROOM_INGEST_TOKEN}",
            description = "Bearer token (default: env NEWSROOM_INGEST_TOKEN).")
    String token;

    @Option(names = "--concurrency", defaultValue = "4", description = "Batches in flight at once; copies of one article still go one after another, in path order (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--batch-size", defaultValue = "100", description = "Most files in one request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-bytes", defaultValue = "8388608",
            description = "Most bytes in one request, unless one file is larger (default: ${DEFAULT-VALUE}).")
    long batchBytes;

    @Option(names = "--max-attempts", defaultValue = "12",
            description = "Attempts per batch while the service answers 503 or is unreachable (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (token == null || token.isBlank()) {
            System.err.println("no token: pass --token or set NEWSROOM_INGEST_TOKEN");
            return 2;
        }
        List<Path> files = collect(paths);
        if (files.isEmpty()) {
            System.err.println("no article files (.md, .markdown, .txt) under " + paths);
            return 2;
        }
        PrintStream err = System.err;
        Progress progress = new Progress(files.size(), err, !quiet);
        Uploader uploader = new Uploader(url, token, concurrency, batchSize, batchBytes, maxAttempts, Duration.ofSeconds(60));
        long started = System.nanoTime();
        List<UploadResult> results = uploader.upload(files, commonRoot(files), progress::record);
        progress.finish();
        Summary summary = new Summary(results, Duration.ofNanos(System.nanoTime() - started));
        summary.print(System.out);
        return summary.exitCode();
    }

    static List<Path> collect(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(IngestCommand::isArticleFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IOException("no such file or folder: " + path);
            }
        }
        return files;
    }

    static boolean isArticleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt"))
                && !name.equals("readme.md") && !name.equals("provenance.md");
    }

    private static Path commonRoot(List<Path> files) {
        Path root = files.get(0).toAbsolutePath().getParent();
        for (Path f : files) {
            while (root != null && !f.toAbsolutePath().startsWith(root)) {
                root = root.getParent();
            }
        }
        return root;
    }
}
