package io.gitlore.local.cli;

import java.util.List;
import java.util.concurrent.Callable;

import io.gitlore.local.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops a stack started by {@code run --keep-running} or {@code up}, from the pids it recorded. */
@Command(name = "stop", description = "Stop the local stack started from this data directory.")
final class StopCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Override
    public Integer call() {
        var settings = options.settings(List.of());
        int stopped = LocalStack.stopRecorded(settings.pidFile(), System.out::println);
        System.out.println(stopped == 0 ? "nothing was running from " + settings.dataDir()
                : "stopped " + stopped + " processes");
        return 0;
    }
}
