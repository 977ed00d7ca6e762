package dev.newsroom.cli;

import dev.newsroom.model.event.EventTopics;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsroom dead-letters list|replay}: what the pipeline gave up on ({@code articles.ingested.dlq}
 * from ranking, {@code articles.ranked.dlq} from the store), and sending it back once the cause is fixed.
 */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List or replay the records the pipeline sent to its dead-letter topics.",
        subcommands = {ListDeadLettersCommand.class, ReplayDeadLettersCommand.class})
final class DeadLettersCommand {

    /** The options both subcommands take. */
    static final class Target {

        @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:${env:NEWSROOM_KAFKA_PORT:-9092}",
                description = "Kafka (default: ${DEFAULT-VALUE}, the port from env NEWSROOM_KAFKA_PORT as ./newsroom up uses).")
        String bootstrapServers;

        @Option(names = "--topic", description = "Only this dead-letter topic: " + EventTopics.INGESTED_DEAD_LETTER
                + " or " + EventTopics.RANKED_DEAD_LETTER + " (default: both).")
        String topic;

        List<String> topics() {
            return topic == null ? List.of(EventTopics.INGESTED_DEAD_LETTER, EventTopics.RANKED_DEAD_LETTER)
                    : List.of(topic);
        }
    }
}
