package io.gitlore.local.stack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops a process, ours or one recorded in a pid file: SIGTERM, then SIGKILL when the grace period runs out. */
final class Processes {

    private Processes() {
    }

    static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new StackException("could not stop process " + handle.pid() + ": " + e.getCause(), e);
        }
    }
}
