package dev.newsroom.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.newsroom.model.event.ArticleEvent;
import dev.newsroom.model.event.RankingUpdate;
import dev.newsroom.model.event.StoryRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON mapping used on both sides of Kafka: ISO-8601 instants, seed field names, unknown fields
 * ignored on read (so a newer writer never breaks an older reader).
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    /** Applies Newsroom's settings to a mapper (also used to configure the services' REST mappers). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON of {@link #write} as UTF-8 bytes, written as bytes: what goes to Kafka or to disk needs no string
     * made first and encoded after (a string of text with any character beyond Latin-1 is two bytes a character,
     * and its encoding makes a third copy).
     */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an event and refuses one of a schema version newer than {@link ArticleEvent#SCHEMA_VERSION}:
     * unknown fields are ignored, but a newer version may change what known ones mean.
     *
     * @throws IllegalArgumentException when the value is no event or of an unsupported schema version
     */
    public static ArticleEvent readEvent(String json) {
        return readVersioned(json, ArticleEvent.class, ArticleEvent::schemaVersion);
    }

    /**
     * {@link #readEvent(String)} of the event's JSON as UTF-8 bytes (a record's value, a stored field), parsed as
     * bytes with no string decoded first. Bytes that are not UTF-8 are refused ({@link UncheckedIOException}), where
     * decoding them to a string would have put replacement characters in their place.
     */
    public static ArticleEvent readEvent(byte[] utf8, int offset, int length) {
        return versioned(read(utf8, offset, length, ArticleEvent.class), ArticleEvent.class, ArticleEvent::schemaVersion);
    }

    /** Reads a {@link RankingUpdate}, refusing a newer schema version as {@link #readEvent} does. */
    public static RankingUpdate readRankingUpdate(String json) {
        return readVersioned(json, RankingUpdate.class, RankingUpdate::schemaVersion);
    }

    /** {@link #readRankingUpdate(String)} of its JSON as UTF-8 bytes, parsed as bytes. */
    public static RankingUpdate readRankingUpdate(byte[] utf8) {
        return versioned(read(utf8, 0, utf8.length, RankingUpdate.class), RankingUpdate.class, RankingUpdate::schemaVersion);
    }

    /** Reads a {@link StoryRecord}, refusing a newer schema version as {@link #readEvent} does. */
    public static StoryRecord readStory(String json) {
        return readVersioned(json, StoryRecord.class, StoryRecord::schemaVersion);
    }

    /** {@link #readStory(String)} of its JSON as UTF-8 bytes, parsed as bytes. */
    public static StoryRecord readStory(byte[] utf8) {
        return versioned(read(utf8, 0, utf8.length, StoryRecord.class), StoryRecord.class, StoryRecord::schemaVersion);
    }

    /** Reads a record of {@code articles.ingested} or {@code articles.ranked}: never null, of a schema version this reader knows. */
    private static <T> T readVersioned(String json, Class<T> type, java.util.function.ToIntFunction<T> schemaVersion) {
        return versioned(read(json, type), type, schemaVersion);
    }

    /** The value read: never null, of a schema version this reader knows. */
    private static <T> T versioned(T value, Class<T> type, java.util.function.ToIntFunction<T> schemaVersion) {
        if (value == null) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": the value is null");
        }
        supported(schemaVersion.applyAsInt(value));
        return value;
    }

    private static void supported(int schemaVersion) {
        if (schemaVersion > ArticleEvent.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schema version " + schemaVersion
                    + " (this reader knows up to " + ArticleEvent.SCHEMA_VERSION + ")");
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@link #read(String, Class)} of JSON as UTF-8 bytes (as {@link #writeBytes} writes it), parsed as bytes. */
    public static <T> T read(byte[] utf8, int offset, int length, Class<T> type) {
        try {
            return MAPPER.readValue(utf8, offset, length, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
