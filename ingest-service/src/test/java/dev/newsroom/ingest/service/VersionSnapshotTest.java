package dev.newsroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.ingest.service.VersionSnapshot.Head;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file: what is written is read back whole, and a damaged file is refused, never half-read. */
class VersionSnapshotTest {

    private static final String TOPIC = "articles.ingested";

    @TempDir
    Path dir;

    private final Map<Integer, Long> offsets = Map.of(0, 1_200L, 1, 0L, 2, 7L, 3, 31L);
    private final Map<String, Head> heads = new HashMap<>(Map.of(
            "a1b2c3", new Head(3, "h3", List.of("h1", "h2")),
            "d4e5f6", new Head(1, "x1", List.of()),
            "ünïcødé-id", new Head(1, "u1", List.of())));

    @Test
    void shouldReadBackWhatWasWritten() throws IOException {
        Path file = dir.resolve("sub/versions.snapshot");
        VersionSnapshot.write(file, TOPIC, "topic-id-1", offsets, heads);

        VersionSnapshot.Loaded loaded = VersionSnapshot.read(file, TOPIC);

        assertThat(loaded.topicId()).isEqualTo("topic-id-1");
        assertThat(loaded.offsets()).isEqualTo(offsets);
        assertThat(loaded.heads()).isEqualTo(heads);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void shouldReplaceAnEarlierSnapshotWhole() throws IOException {
        Path file = dir.resolve("versions.snapshot");
        VersionSnapshot.write(file, TOPIC, "topic-id-1", offsets, heads);
        VersionSnapshot.write(file, TOPIC, "topic-id-1", Map.of(0, 5L), Map.of("only", new Head(2, "o2", List.of("o1"))));

        VersionSnapshot.Loaded loaded = VersionSnapshot.read(file, TOPIC);

        assertThat(loaded.offsets()).isEqualTo(Map.of(0, 5L));
        assertThat(loaded.heads()).containsOnlyKeys("only");
    }

    @Test
    void shouldRefuseAMissingFile() {
        assertThatThrownBy(() -> VersionSnapshot.read(dir.resolve("none"), TOPIC)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldRefuseATruncatedFile() throws IOException {
        Path file = dir.resolve("versions.snapshot");
        VersionSnapshot.write(file, TOPIC, "topic-id-1", offsets, heads);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> VersionSnapshot.read(file, TOPIC)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void shouldRefuseAFileWithAChangedByte() throws IOException {
        Path file = dir.resolve("versions.snapshot");
        VersionSnapshot.write(file, TOPIC, "topic-id-1", offsets, heads);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x01; // inside the last article, which still parses
        Files.write(file, bytes);

        assertThatThrownBy(() -> VersionSnapshot.read(file, TOPIC)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void shouldRefuseASnapshotOfAnotherTopicOrAnyOtherFile() throws IOException {
        Path file = dir.resolve("versions.snapshot");
        VersionSnapshot.write(file, "other.topic", "topic-id-1", offsets, heads);
        assertThatThrownBy(() -> VersionSnapshot.read(file, TOPIC)).isInstanceOf(IOException.class).hasMessageContaining("other.topic");

        Files.writeString(file, "---\ntitle: not a snapshot\n---\n");
        assertThatThrownBy(() -> VersionSnapshot.read(file, TOPIC)).isInstanceOf(IOException.class).hasMessageContaining("not a version snapshot");
    }
}
