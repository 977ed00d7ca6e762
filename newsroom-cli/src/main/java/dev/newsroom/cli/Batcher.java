package dev.newsroom.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Cuts files, in their order, into batches of at most {@code batchSize} files and (unless a single file is
 * larger) {@code batchBytes} bytes, and keeps the copies of one article in that order. Ingest makes the copy it
 * receives last the latest version of an article, and batches sent at the same time arrive in any order; so two
 * files of one article never share a batch, and a batch holding a later copy names the batches it must wait for
 * ({@link Batch#after}): those holding the copies before it. Loading a folder then gives the same versions every
 * time, the copy last by path being the latest, whatever the concurrency.
 *
 * <p>Which article a file holds is read from the file ({@code articleOf}); a file it cannot tell (unreadable, not
 * an article) waits for nothing: ingest rejects it or gives it an id of its own.
 */
final class Batcher {

    /** A batch to send, the {@code index}-th, once the batches whose indices are in {@code after} are answered. */
    record Batch(int index, List<Path> files, Set<Integer> after) {
    }

    private final int batchSize;
    private final long batchBytes;
    private final Function<Path, Optional<String>> articleOf;
    private final ToLongFunction<Path> sizeOf;
    /** The batch that last took a copy of each article, by article id. */
    private final Map<String, Integer> lastBatchOf = new HashMap<>();

    private int index;
    private List<Path> files = new ArrayList<>();
    private Set<Integer> after = new HashSet<>();
    private long bytes;

    Batcher(int batchSize, long batchBytes, Function<Path, Optional<String>> articleOf, ToLongFunction<Path> sizeOf) {
        this.batchSize = Math.max(1, batchSize);
        this.batchBytes = Math.max(1, batchBytes);
        this.articleOf = articleOf;
        this.sizeOf = sizeOf;
    }

    /** Takes the next file; returns the batch it closed, if it closed one. */
    Optional<Batch> add(Path file) {
        long size = sizeOf.applyAsLong(file);
        String article = articleOf.apply(file).orElse(null);
        Integer earlierCopy = article == null ? null : lastBatchOf.get(article);
        Optional<Batch> closed = Optional.empty();
        if (!files.isEmpty() && (files.size() == batchSize || bytes + size > batchBytes
                || earlierCopy != null && earlierCopy == index)) {
            closed = finish();
        }
        if (earlierCopy != null) {
            after.add(earlierCopy);
        }
        if (article != null) {
            lastBatchOf.put(article, index);
        }
        files.add(file);
        bytes += size;
        return closed;
    }

    /** The batch still open, if it holds any file. */
    Optional<Batch> finish() {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Batch batch = new Batch(index++, List.copyOf(files), Set.copyOf(after));
        files = new ArrayList<>();
        after = new HashSet<>();
        bytes = 0;
        return Optional.of(batch);
    }
}
