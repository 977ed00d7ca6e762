package dev.newsroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.infra.JvmOptions;
import dev.newsroom.infra.ServiceProcess;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine to run docker-compose.yml here, so this checks it against the services'
 * own configuration instead: every service is there, built from its Dockerfile, on its own port, with
 * every environment variable its application.properties reads, and started only when what it needs is
 * healthy.
 */
class DockerComposeTest {

    private static final Path ROOT = ServiceProcess.projectRoot();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(r);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) services().get(name);
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void shouldRunKafkaPostgresAndTheThreeServices() throws IOException {
        assertThat(services()).containsKeys("kafka", "kafka-init", "postgres", "ingest-service", "ranking-service",
                "article-service");
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:4.1");
        assertThat(service("kafka").get("environment").toString()).contains("KAFKA_PROCESS_ROLES=broker,controller");
        assertThat(service("kafka-init").get("command").toString())
                .contains("articles.ingested", "articles.ranked", "cleanup.policy=compact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "ranking-service", "article-service"})
    @SuppressWarnings("unchecked")
    void shouldBuildEachServiceFromItsDockerfileOnItsOwnPort(String module) throws IOException {
        Map<String, Object> svc = service(module);
        Map<String, Object> build = (Map<String, Object>) svc.get("build");
        Path dockerfile = ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"));
        assertThat(dockerfile).isRegularFile();

        String port = applicationProperties(module).getProperty("quarkus.http.port");
        // no host port of its own (a scaled service's instances would collide on it): the gateway publishes it
        assertThat(svc).doesNotContainKey("ports");
        assertThat((List<String>) svc.get("expose")).containsExactly(port);
        assertThat((List<String>) service("gateway").get("ports")).contains(port + ":" + port);
        assertThat(Files.readString(ROOT.resolve("docker/gateway/nginx.conf")))
                .contains("listen " + port + ";", "http://" + module + ":" + port + ";");
        assertThat(Files.readString(dockerfile)).contains("EXPOSE " + port, "target/" + module + "-runner.jar");
        assertThat(svc.get("healthcheck").toString()).contains("localhost:" + port + "/q/health/ready");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "ranking-service", "article-service"})
    @SuppressWarnings("unchecked")
    void shouldSetEveryEnvironmentVariableTheServiceReads(String module) throws IOException {
        Properties props = applicationProperties(module);
        List<String> read = props.stringPropertyNames().stream()
                .filter(k -> !k.startsWith("%"))
                .map(props::getProperty)
                .flatMap(v -> {
                    Matcher m = ENV_REFERENCE.matcher(v);
                    return m.results().map(r -> r.group(1));
                })
                .distinct().sorted().collect(Collectors.toList());
        Map<String, Object> environment = (Map<String, Object>) service(module).get("environment");

        assertThat(read).isNotEmpty();
        assertThat(environment).containsKeys(read.toArray(String[]::new));
        assertThat((String) environment.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:29092");
    }

    /**
     * The image's run-java.sh takes JAVA_OPTS as the whole option list: it must hold the options
     * `./newsroom up` uses (jvm-options.properties) and what the Dockerfile would otherwise set.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "ranking-service", "article-service"})
    @SuppressWarnings("unchecked")
    void shouldRunEachServiceWithTheJvmOptionsOfNewsroomUp(String module) throws IOException {
        Map<String, Object> environment = (Map<String, Object>) service(module).get("environment");
        List<String> javaOpts = List.of(((String) environment.get("JAVA_OPTS")).trim().split("\\s+"));

        assertThat(javaOpts).startsWith(JvmOptions.configured(ROOT, module).toArray(String[]::new))
                .contains("-Dquarkus.http.host=0.0.0.0", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }

    /** What the C library reads (MALLOC_ARENA_MAX) is set in each image as `./newsroom up` sets it. */
    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "ranking-service", "article-service"})
    @SuppressWarnings("unchecked")
    void shouldRunEachServiceWithTheEnvironmentOfNewsroomUp(String module) throws IOException {
        Map<String, Object> build = (Map<String, Object>) service(module).get("build");
        String dockerfile = Files.readString(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")));
        Map<String, String> environment = JvmOptions.environment(ROOT);

        assertThat(environment).containsEntry("MALLOC_ARENA_MAX", "2");
        environment.forEach((name, value) -> assertThat(dockerfile).contains("ENV " + name + "=" + value + "\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetEveryServiceBeScaledBehindOneGateway() throws IOException {
        Map<String, Object> gateway = service("gateway");
        assertThat((List<String>) gateway.get("ports")).containsExactlyInAnyOrder("8080:8080", "8081:8081", "8082:8082");
        assertThat((List<String>) gateway.get("volumes")).contains("./docker/gateway/nginx.conf:/etc/nginx/nginx.conf:ro");
        assertThat(ROOT.resolve("docker/gateway/nginx.conf")).isRegularFile();
        // resolved per request through Docker's DNS, so every instance of a scaled service gets requests
        assertThat(Files.readString(ROOT.resolve("docker/gateway/nginx.conf"))).contains("resolver 127.0.0.11");
        for (String module : List.of("ingest-service", "ranking-service", "article-service")) {
            assertThat(service(module)).doesNotContainKeys("ports", "container_name");
            assertThat(((Map<String, Map<String, String>>) gateway.get("depends_on")).get(module))
                    .containsEntry("condition", "service_healthy");
        }
    }

    @Test
    void shouldTakeTheTopicLayoutFromTheEnvironment() throws IOException {
        assertThat(service("kafka-init").get("command").toString()).contains("--partitions ${NEWSROOM_PARTITIONS:-4}",
                "--replication-factor ${NEWSROOM_REPLICATION_FACTOR:-1}",
                "min.insync.replicas=${NEWSROOM_MIN_INSYNC_REPLICAS:-1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "ranking-service", "article-service"})
    @SuppressWarnings("unchecked")
    void shouldStartEachServiceOnlyAfterTheTopicsExist(String module) throws IOException {
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service(module).get("depends_on");

        assertThat(dependsOn.get("kafka-init")).containsEntry("condition", "service_completed_successfully");
        if (module.equals("article-service")) {
            assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
        }
    }
}
