package io.gitlore.local.cli;

import java.util.concurrent.Callable;

import io.gitlore.local.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The local command: {@code run} a repository through the whole stack, start it ({@code up}), or {@code stop} it. */
@Command(name = "gitlore-local", mixinStandardHelpOptions = true,
        subcommands = {RunCommand.class, UpCommand.class, StopCommand.class},
        description = "gitlore on one machine without Docker: a real Kafka broker, every service, the gateway.")
public final class GitloreLocal implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new GitloreLocal());
        // A part that does not come up is a message a person can act on, not a stack trace.
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof StackException) {
                command.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }
}
