package dev.newsroom.ingest.service;

import dev.newsroom.ingest.config.IngestConfig;

/** The size limits of an upload (see {@link IngestConfig} for each). */
public record UploadLimits(long maxRequestBytes, int maxFileBytes, int maxFilesPerBatch, int maxArchiveEntries,
                           long maxUnpackedBytes) {

    public static UploadLimits of(IngestConfig config) {
        return new UploadLimits(config.maxRequestBytes(), config.maxFileBytes(), config.maxFilesPerBatch(),
                config.maxArchiveEntries(), config.maxUnpackedBytes());
    }
}
