package dev.newsroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code newsroom dead-letters list}: every dead letter, one a line (or one JSON object a line). */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print each dead letter: topic@offset, key, origin topic-partition@offset, stage, when, why.")
final class ListDeadLettersCommand implements Callable<Integer> {

    @Mixin
    DeadLettersCommand.Target target = new DeadLettersCommand.Target();

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<ConsumerRecord<String, byte[]>> records;
        try (DeadLetterTopics topics = new DeadLetterTopics(target.bootstrapServers, target.topics(), null)) {
            records = topics.readToEnd();
        }
        ObjectMapper mapper = new ObjectMapper();
        for (ConsumerRecord<String, byte[]> record : records) {
            DeadLetter letter = DeadLetter.of(record);
            out.println(json ? mapper.writeValueAsString(letter.json()) : letter.line());
        }
        if (!json) {
            out.println(records.size() + " dead letter(s)");
        }
        return 0;
    }
}
