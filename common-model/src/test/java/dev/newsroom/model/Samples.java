package dev.newsroom.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sample articles bundled in the repository's {@code samples/} folder, found from any module's
 * working directory. Shared with the other modules' tests through this module's test jar.
 */
public final class Samples {

    private Samples() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("samples");
            if (Files.isDirectory(candidate.resolve("seed"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no samples/ folder above " + Path.of("").toAbsolutePath());
    }

    public static Path seed() {
        return root().resolve("seed/000_4e232ba6522a9cca.txt");
    }

    public static Path corpus(String set) {
        return root().resolve("corpus").resolve(set).resolve("articles");
    }

    /** The seed file and every corpus article, sorted by path. */
    public static List<Path> allArticles() {
        try (Stream<Path> files = Stream.concat(Stream.of(seed()), Stream.of("smartable-md", "smartable-ai", "bing-feeds")
                .flatMap(Samples::list))) {
            return files.sorted().toList();
        }
    }

    public static List<Path> articlesOf(String set) {
        try (Stream<Path> files = list(set)) {
            return files.sorted().toList();
        }
    }

    private static Stream<Path> list(String set) {
        try {
            return Files.list(corpus(set)).filter(p -> p.toString().endsWith(".md")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Path file) {
        return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }
}
