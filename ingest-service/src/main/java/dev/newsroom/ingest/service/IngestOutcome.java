package dev.newsroom.ingest.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer for one accepted file: its article id, version, and whether it was new content. */
public record IngestOutcome(String id, long version, Status status) {

    public enum Status {
        /** New or changed content, published and acknowledged by Kafka. */
        @JsonProperty("accepted") ACCEPTED,
        /** Identical content was already ingested: nothing was published. */
        @JsonProperty("unchanged") UNCHANGED,
        /** Not an article (only in a batch; a single file is answered with its problem instead). */
        @JsonProperty("rejected") REJECTED
    }
}
