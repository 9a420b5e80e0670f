package io.gitlore.contracts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage's cancellations: control records parsed or refused, reasons read back, one cancelled event per job. */
class CancelledJobsTest {

    @TempDir
    Path data;

    private final List<JobEvent> sent = new CopyOnWriteArrayList<>();

    private CancelledJobs cancelled() {
        return new CancelledJobs(data, new JobEvents(new Recording(), "chunk"));
    }

    @Test
    void aCancelIsRecordedWithItsReasonAndAnnouncedOnce() {
        CancelledJobs jobs = cancelled();
        assertNull(jobs.reason("job-1"));

        jobs.accept(Json.write(JobControl.cancel("job-1", "asked by a person")));

        assertEquals("asked by a person", jobs.reason("job-1"));
        assertNull(jobs.reason("job-2"));
        assertTrue(jobs.announce("job-1", 3, 10, "stopped after 3 of 10 commits", null));
        assertFalse(jobs.announce("job-1", 3, 10, "stopped after 3 of 10 commits", null));
        assertTrue(jobs.announced("job-1"));
        assertEquals(1, sent.size());
        JobEvent event = sent.get(0);
        assertEquals(JobEventType.CANCELLED, event.type());
        assertEquals("chunk", event.stage());
        assertEquals(3, event.done());
        assertEquals(10, event.total());
        assertEquals(JobEvent.of("job-1", "chunk", JobEventType.CANCELLED, 3, 10, "", null).id(), event.id(),
                "deterministic id");
    }

    @Test
    void aCancelWithoutAReasonSaysSo() {
        CancelledJobs jobs = cancelled();
        jobs.accept(Json.write(JobControl.cancel("job-1", null)));
        assertEquals("no reason given", jobs.reason("job-1"));
    }

    @Test
    void whatIsNotAUsableControlRequestIsRefusedForTheDeadLetterQueue() {
        CancelledJobs jobs = cancelled();
        for (String poison : List.of("{not json", "{\"action\":\"CANCEL\"}", "{\"jobId\":\"../x\",\"action\":\"CANCEL\"}",
                "{\"jobId\":\"job-1\"}", "{\"jobId\":\"job-1\",\"action\":\"EXPLODE\"}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> jobs.accept(poison.getBytes(StandardCharsets.UTF_8)), poison);
        }
        assertNull(jobs.reason("job-1"));
    }

    /** The events the stage would publish, in order. */
    private final class Recording implements Emitter<JobEvent> {
        @Override
        public CompletionStage<Void> send(JobEvent payload) {
            sent.add(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends JobEvent>> void send(M message) {
            sent.add(message.getPayload());
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
