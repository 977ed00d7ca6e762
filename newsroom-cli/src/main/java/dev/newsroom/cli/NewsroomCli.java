package dev.newsroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code newsroom}: the command line of Newsroom (service lifecycle lives in the {@code ./newsroom} script). */
@Command(name = "newsroom", mixinStandardHelpOptions = true, version = "newsroom 1.0",
        description = "Newsroom's command line.", subcommands = {IngestCommand.class, DeadLettersCommand.class,
                ReplayStoreCommand.class})
public final class NewsroomCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsroomCli()).execute(args));
    }
}
