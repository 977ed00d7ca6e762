package dev.newsroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatcherTest {

    @Test
    void shouldCutFilesIntoBatchesByCountAndBytes() {
        Map<String, Long> sizes = Map.of("f0", 100L, "f1", 100L, "f2", 100L, "f3", 100L, "f4", 100L, "f5", 900L, "f6", 100L);
        Batcher batcher = new Batcher(3, 1000, file -> Optional.empty(), file -> sizes.get(file.toString()));

        List<Batcher.Batch> batches = cut(batcher, "f0", "f1", "f2", "f3", "f4", "f5", "f6");

        assertThat(batches).extracting(b -> names(b.files()))
                .containsExactly(List.of("f0", "f1", "f2"), List.of("f3", "f4"), List.of("f5", "f6"));
        assertThat(batches).allSatisfy(b -> assertThat(b.after()).isEmpty());
        assertThat(batches).extracting(Batcher.Batch::index).containsExactly(0, 1, 2);
    }

    @Test
    void shouldNeverPutTwoCopiesOfAnArticleInOneBatchAndSendALaterCopyAfterTheEarlierOne() {
        // a-1, a-2 and a-3 are three copies of article a; b and c have one each
        Batcher batcher = new Batcher(100, Long.MAX_VALUE, file -> Optional.of(file.toString().substring(0, 1)), file -> 1);

        List<Batcher.Batch> batches = cut(batcher, "a-1", "b", "a-2", "c", "a-3");

        assertThat(batches).extracting(b -> names(b.files()))
                .containsExactly(List.of("a-1", "b"), List.of("a-2", "c"), List.of("a-3"));
        assertThat(batches).extracting(Batcher.Batch::after).containsExactly(Set.of(), Set.of(0), Set.of(1));
    }

    @Test
    void shouldWaitForTheBatchOfTheCopyBeforeEvenWhenTheCountClosedIt() {
        Batcher batcher = new Batcher(2, Long.MAX_VALUE, file -> Optional.of(file.toString().substring(0, 1)), file -> 1);

        List<Batcher.Batch> batches = cut(batcher, "a-1", "b-1", "c", "d", "b-2", "a-2", "e", "f", "a-3");

        assertThat(batches).extracting(b -> names(b.files()))
                .containsExactly(List.of("a-1", "b-1"), List.of("c", "d"), List.of("b-2", "a-2"), List.of("e", "f"),
                        List.of("a-3"));
        assertThat(batches).extracting(Batcher.Batch::after)
                .containsExactly(Set.of(), Set.of(), Set.of(0), Set.of(), Set.of(2));
    }

    @Test
    void shouldLetAFileWhoseArticleItCannotTellWaitForNothing() {
        Batcher batcher = new Batcher(100, Long.MAX_VALUE,
                file -> file.toString().startsWith("?") ? Optional.empty() : Optional.of("a"), file -> 1);

        List<Batcher.Batch> batches = cut(batcher, "?1", "a-1", "?2", "?3");

        assertThat(batches).extracting(b -> names(b.files())).containsExactly(List.of("?1", "a-1", "?2", "?3"));
    }

    private static List<Batcher.Batch> cut(Batcher batcher, String... files) {
        List<Batcher.Batch> batches = new ArrayList<>();
        for (String file : files) {
            batcher.add(Path.of(file)).ifPresent(batches::add);
        }
        batcher.finish().ifPresent(batches::add);
        return batches;
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(Path::toString).toList();
    }
}
