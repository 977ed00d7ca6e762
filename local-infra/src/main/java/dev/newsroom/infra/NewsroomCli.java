package dev.newsroom.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged command line ({@code newsroom-cli/target/newsroom-cli.jar}) as `./newsroom` runs it: this JVM's
 * {@code java} with the {@code newsroom-cli} line of jvm-options.properties. For the end-to-end tests and the
 * benchmark, so that both measure and test the command line a user runs.
 */
public final class NewsroomCli {

    private static final String MODULE = "newsroom-cli";

    private NewsroomCli() {
    }

    /** A process builder for {@code newsroom <args>}; fails when the jar has not been packaged. */
    public static ProcessBuilder process(Path projectRoot, String... args) {
        Path jar = projectRoot.resolve(MODULE).resolve("target/newsroom-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("package the command line first (./mvnw package): no " + jar);
        }
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaBinary());
        command.addAll(JvmOptions.configured(projectRoot, MODULE));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
