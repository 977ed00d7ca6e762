package dev.newsroom.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Every setting of ingest-service; defaults in application.properties, documented in the README. */
@ConfigMapping(prefix = "newsroom.ingest")
public interface IngestConfig {

    /** The bearer token publishers must send (env NEWSROOM_INGEST_TOKEN). Without one, every ingest answers 401. */
    Optional<String> token();

    /** Largest request body, in bytes, whatever its kind (413 beyond, counted while reading). */
    @WithDefault("33554432")
    long maxRequestBytes();

    /** Largest single article file, in bytes: a body, a form part or an archive entry (413 beyond). */
    @WithDefault("1048576")
    int maxFileBytes();

    /** Most files in one multipart batch (413 beyond). */
    @WithDefault("5000")
    int maxFilesPerBatch();

    /** Most entries in one archive, folders included (413 beyond). */
    @WithDefault("10000")
    int maxArchiveEntries();

    /** Most bytes one archive may unpack to, all entries together: the zip-bomb guard (413 beyond). */
    @WithDefault("67108864")
    long maxUnpackedBytes();

    /** How long to wait for Kafka to acknowledge an article before answering 503; longer than delivery.timeout.ms. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Seconds a client should wait before retrying when Kafka is unavailable (Retry-After). */
    @WithDefault("5")
    int retryAfterSeconds();

    Yaml yaml();

    Article article();

    DropFolder dropFolder();

    Versions versions();

    /** Bounds on the YAML front matter (hostile files are refused before they cost anything). */
    interface Yaml {
        /** Longest front matter, in characters (the document-length limit; 413 beyond). */
        @WithDefault("262144")
        int maxFrontMatterChars();

        /** YAML aliases to collections in one file (the billion-laughs guard; 400 beyond). */
        @WithDefault("10")
        int maxAliases();

        /** Deepest nesting of YAML collections (400 beyond). */
        @WithDefault("20")
        int maxNestingDepth();
    }

    /**
     * Bounds on what one article may hold (422 beyond, naming the field): downstream stores and ranks every
     * topic, image and related entry, so their number and length must be finite before they are published.
     * The body, {@code secured} and unknown keys are bounded by the file and front-matter sizes.
     */
    interface Article {
        /** Most topics of one article. */
        @WithDefault("100")
        int maxTopics();

        /** Longest topic, in characters. */
        @WithDefault("200")
        int maxTopicChars();

        /** Most images in one list (the article's, its provider's, a related entry's). */
        @WithDefault("100")
        int maxImages();

        /** Most related entries of one article. */
        @WithDefault("100")
        int maxRelated();

        /** Longest title (the article's, a related entry's, an image's), in characters. */
        @WithDefault("2000")
        int maxTitleChars();

        /** Longest excerpt (the article's, a related entry's) or featured content, in characters. */
        @WithDefault("20000")
        int maxExcerptChars();

        /** Longest URL (every URL field, image URLs included), in characters. */
        @WithDefault("4096")
        int maxUrlChars();

        /** Longest name: category, type, provider name and domain, in characters. */
        @WithDefault("200")
        int maxNameChars();

        /**
         * How far past ingest's clock an article's {@code publishedDateTime} may lie (422 beyond): far enough for a
         * publisher's time zone written as UTC, not for an article dated years ahead, which would top heat and
         * trending until its date.
         */
        @WithDefault("24h")
        Duration maxPublishedAhead();
    }

    /** A folder whose article files and archives are ingested as they appear; off unless a path is set. */
    interface DropFolder {
        /** The folder to watch; ingested files move to {@code processed/}, refused ones to {@code rejected/}. */
        Optional<Path> path();

        /** How often the folder is looked at. */
        @WithDefault("1s")
        Duration pollInterval();

        /** A file is picked up only once it has not changed for this long (so half-written files wait). */
        @WithDefault("500ms")
        Duration settleTime();
    }

    /** The version state's snapshot, so that a restart reads only the end of articles.ingested. */
    interface Versions {
        /** The snapshot file (shared by instances or not); absent or empty: every start reads the whole topic. */
        Optional<Path> snapshot();

        /** How often a snapshot is written while articles arrive (and once more at shutdown). */
        @WithDefault("1m")
        Duration snapshotInterval();
    }
}
