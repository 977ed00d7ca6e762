package dev.newsroom.ingest.service;

import java.util.List;

/** The answer to a batch: how many files were accepted, unchanged and rejected, and one entry per file, in order. */
public record BatchOutcome(int accepted, int unchanged, int rejected, List<FileOutcome> items) {

    static BatchOutcome of(List<FileOutcome> items) {
        int accepted = 0;
        int unchanged = 0;
        int rejected = 0;
        for (FileOutcome item : items) {
            switch (item.status()) {
                case ACCEPTED -> accepted++;
                case UNCHANGED -> unchanged++;
                case REJECTED -> rejected++;
            }
        }
        return new BatchOutcome(accepted, unchanged, rejected, List.copyOf(items));
    }
}
