package dev.newsroom.cli;

import java.util.List;

/** What happened to one file. */
record UploadResult(String file, Outcome outcome, String id, Long version, List<String> reasons) {

    enum Outcome { ACCEPTED, UNCHANGED, REJECTED, FAILED }

    UploadResult {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
