package dev.newsroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsroom.infra.Infrastructure;
import dev.newsroom.infra.KafkaBroker;
import dev.newsroom.infra.KafkaTopics;
import dev.newsroom.infra.TopicRecords;
import dev.newsroom.model.event.EventHeaders;
import dev.newsroom.model.event.EventTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code newsroom dead-letters list|replay} against a real broker (local-infra's, on free ports). */
class DeadLettersCommandTest {

    private static KafkaBroker broker;
    private static String kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        broker = new KafkaBroker(Files.createTempDirectory("newsroom-cli-kafka"), Infrastructure.freePort(),
                Infrastructure.freePort(), Map.of()).start();
        kafka = broker.bootstrapServers();
        KafkaTopics.ensureArticleTopics(kafka, 2);
    }

    @AfterAll
    static void stopKafka() {
        broker.close();
    }

    @Test
    void shouldListEveryDeadLetterWithItsOriginStageAndReason() throws Exception {
        String key = unique();
        deadLetter(EventTopics.RANKED_DEAD_LETTER, key, "{\"ranked\":1}", EventTopics.RANKED, "store",
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00");

        String text = run("dead-letters", "list", "--bootstrap-servers", kafka);
        String json = run("dead-letters", "list", "--json", "--bootstrap-servers", kafka);

        assertThat(text).contains("articles.ranked.dlq@", "key=" + key, "from articles.ranked-1@42", "stage=store",
                "at=2026-12-01T22:00:00Z", "[SQLState 22021 (data exception)] ERROR: invalid byte sequence");
        JsonNode letter = Arrays.stream(json.split("\n")).map(DeadLettersCommandTest::parse)
                .filter(n -> key.equals(n.get("key").asText())).findFirst().orElseThrow();
        assertThat(letter.get("topic").asText()).isEqualTo(EventTopics.RANKED_DEAD_LETTER);
        assertThat(letter.get("originTopic").asText()).isEqualTo(EventTopics.RANKED);
        assertThat(letter.get("originPartition").asInt()).isEqualTo(1);
        assertThat(letter.get("originOffset").asLong()).isEqualTo(42);
        assertThat(letter.get("stage").asText()).isEqualTo("store");
        assertThat(letter.get("fault").asText()).isEqualTo("permanent");
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void shouldReplayEachDeadLetterToItsOriginOnceWithoutTheDeadLetterHeaders() throws Exception {
        String ranked = unique();
        String ingested = unique();
        deadLetter(EventTopics.RANKED_DEAD_LETTER, ranked, "{\"replay\":\"ranked\"}", EventTopics.RANKED, "store", "refused");
        deadLetter(EventTopics.INGESTED_DEAD_LETTER, ingested, "{\"replay\":\"ingested\"}", EventTopics.INGESTED, "ranking",
                "ranking failed");

        String first = run("dead-letters", "replay", "--bootstrap-servers", kafka);
        String second = run("dead-letters", "replay", "--bootstrap-servers", kafka);

        assertThat(first).contains("replayed articles.ranked.dlq@", "key=" + ranked + " to articles.ranked",
                "key=" + ingested + " to articles.ingested");
        assertThat(second).contains("0 dead letter(s) replayed");
        assertThat(recordsOf(EventTopics.RANKED, ranked)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("{\"replay\":\"ranked\"}");
            assertThat(new String(r.headers().lastHeader(EventHeaders.SCHEMA_VERSION).value(), StandardCharsets.UTF_8))
                    .isEqualTo("1");
            assertThat(r.headers()).noneSatisfy(h -> assertThat(h.key()).startsWith(EventHeaders.DEAD_LETTER_PREFIX));
        });
        assertThat(recordsOf(EventTopics.INGESTED, ingested)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("{\"replay\":\"ingested\"}"));
    }

    @Test
    void shouldReplayOnlyTheChosenTopicAndLaterOnlyWhatIsNew() throws Exception {
        run("dead-letters", "replay", "--bootstrap-servers", kafka); // whatever other tests left
        String ranked = unique();
        String ingested = unique();
        deadLetter(EventTopics.RANKED_DEAD_LETTER, ranked, "{}", EventTopics.RANKED, "store", "refused");
        deadLetter(EventTopics.INGESTED_DEAD_LETTER, ingested, "{}", EventTopics.INGESTED, "ranking", "refused");

        String onlyRanked = run("dead-letters", "replay", "--topic", EventTopics.RANKED_DEAD_LETTER,
                "--bootstrap-servers", kafka);
        String rest = run("dead-letters", "replay", "--bootstrap-servers", kafka);

        assertThat(onlyRanked).contains("key=" + ranked).doesNotContain("key=" + ingested).contains("1 dead letter(s) replayed");
        assertThat(rest).contains("key=" + ingested).doesNotContain("key=" + ranked).contains("1 dead letter(s) replayed");
    }

    @Test
    void shouldReplayAValueThatIsNotUtf8ByteForByte() throws Exception {
        run("dead-letters", "replay", "--bootstrap-servers", kafka); // whatever other tests left
        String key = unique();
        // Latin-1 "café" in a JSON string: read as text, 0xE9 would come back as U+FFFD, three other bytes
        byte[] latin1 = {'{', '"', 't', '"', ':', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}'};
        deadLetter(EventTopics.INGESTED_DEAD_LETTER, key, latin1, EventTopics.INGESTED, "ranking", "not UTF-8");

        String replay = run("dead-letters", "replay", "--bootstrap-servers", kafka);

        assertThat(replay).contains("key=" + key + " to articles.ingested", "1 dead letter(s) replayed");
        assertThat(TopicRecords.readAll(kafka, EventTopics.INGESTED, new ByteArrayDeserializer()).stream()
                .filter(r -> key.equals(r.key())).toList())
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(latin1));
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new NewsroomCli());
        CommandLine deadLetters = cli.getSubcommands().get("dead-letters");
        ((ListDeadLettersCommand) deadLetters.getSubcommands().get("list").getCommand()).out = out;
        ((ReplayDeadLettersCommand) deadLetters.getSubcommands().get("replay").getCommand()).out = out;
        int exit = cli.execute(args);
        assertThat(exit).as("exit code of %s", List.of(args)).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A dead letter as the services write it (see messaging's DeadLetterHeaders). */
    private static void deadLetter(String topic, String key, String value, String origin, String stage, String reason)
            throws Exception {
        deadLetter(topic, key, value.getBytes(StandardCharsets.UTF_8), origin, stage, reason);
    }

    private static void deadLetter(String topic, String key, byte[] value, String origin, String stage, String reason)
            throws Exception {
        RecordHeaders headers = new RecordHeaders();
        header(headers, EventHeaders.SCHEMA_VERSION, "1");
        header(headers, EventHeaders.DEAD_LETTER_REASON, reason);
        header(headers, EventHeaders.DEAD_LETTER_EXCEPTION, "java.sql.SQLException");
        header(headers, EventHeaders.DEAD_LETTER_FAULT, "permanent");
        header(headers, EventHeaders.DEAD_LETTER_CLASSIFICATION, "SQLState 22021 (data exception)");
        header(headers, EventHeaders.DEAD_LETTER_TOPIC, origin);
        header(headers, EventHeaders.DEAD_LETTER_PARTITION, "1");
        header(headers, EventHeaders.DEAD_LETTER_OFFSET, "42");
        header(headers, EventHeaders.DEAD_LETTER_STAGE, stage);
        header(headers, EventHeaders.DEAD_LETTER_AT, "2026-12-01T22:00:00Z");
        header(headers, EventHeaders.DEAD_LETTER_ATTEMPTS, "1");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, String key) {
        return TopicRecords.readAll(kafka, topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static String unique() {
        return "dl-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
