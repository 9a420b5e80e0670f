package io.gitlore.local.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.gitlore.local.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the whole stack and keeps it running until Ctrl-C (or {@code stop} from another shell). */
@Command(name = "up", description = "Start the broker, every stage and the gateway; keep them running.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--allowed-root", description = "A directory whose repositories jobs may read (repeatable;"
            + " default: the working directory).")
    List<Path> allowedRoots = List.of(Path.of("").toAbsolutePath());

    @Override
    public Integer call() throws InterruptedException {
        var settings = options.settings(allowedRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList());
        RunCommand.requireBuilt(settings);
        LocalStack stack = LocalStack.launch(settings, System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        stack.awaitAllReady();
        System.out.println("gitlore is up: " + settings.gatewayUrl() + "/q/swagger-ui (API key in "
                + StackOptions.keyFile(settings.dataDir()) + " unless $GITLORE_GATEWAY_API_KEY is set); Ctrl-C stops");
        Thread.currentThread().join();
        return 0;
    }
}
