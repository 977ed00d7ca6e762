package dev.newsroom.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options a service runs with, from the repository's {@code jvm-options.properties} (the one source
 * `./newsroom up`, the benchmark stack and docker-compose.yml share), plus its AppCDS archive when the
 * package has one ({@code target/app-cds.jsa}: from a training run, {@link AppCdsTraining}).
 */
public final class JvmOptions {

    public static final String FILE = "jvm-options.properties";
    public static final String APPCDS_ARCHIVE = "target/app-cds.jsa";

    private JvmOptions() {
    }

    /** The options of {@code module} as the file gives them, without the archive. */
    public static List<String> configured(Path projectRoot, String module) {
        Properties options = new Properties();
        try (Reader reader = Files.newBufferedReader(projectRoot.resolve(FILE))) {
            options.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String line = options.getProperty(module);
        if (line == null) {
            throw new IllegalArgumentException(FILE + " has no options for " + module);
        }
        return Arrays.stream(line.trim().split("\\s+")).toList();
    }

    /** The options `./newsroom up` starts {@code module} with: the configured ones and its AppCDS archive, if built. */
    public static List<String> of(Path projectRoot, String module) {
        List<String> options = new ArrayList<>(configured(projectRoot, module));
        Path archive = projectRoot.resolve(module).resolve(APPCDS_ARCHIVE);
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return options;
    }
}
