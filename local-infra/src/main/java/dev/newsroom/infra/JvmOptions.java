package dev.newsroom.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        String line = read(projectRoot).getProperty(module);
        if (line == null) {
            throw new IllegalArgumentException(FILE + " has no options for " + module);
        }
        return Arrays.stream(line.trim().split("\\s+")).toList();
    }

    /**
     * The environment every service runs with ({@code environment=NAME=value ...} in the file): what the C
     * library reads rather than the JVM, such as {@code MALLOC_ARENA_MAX}.
     */
    public static Map<String, String> environment(Path projectRoot) {
        Map<String, String> environment = new LinkedHashMap<>();
        String line = read(projectRoot).getProperty("environment", "").trim();
        for (String variable : line.isEmpty() ? new String[0] : line.split("\\s+")) {
            int equals = variable.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(FILE + ": environment wants NAME=value, not " + variable);
            }
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        return environment;
    }

    private static Properties read(Path projectRoot) {
        Properties options = new Properties();
        try (Reader reader = Files.newBufferedReader(projectRoot.resolve(FILE))) {
            options.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options;
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
