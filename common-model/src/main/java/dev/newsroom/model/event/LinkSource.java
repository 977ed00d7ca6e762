package dev.newsroom.model.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a related link came from: computed by ranking-service, or listed by the publisher in the file. */
public enum LinkSource {
    @JsonProperty("computed") COMPUTED,
    @JsonProperty("editorial") EDITORIAL
}
