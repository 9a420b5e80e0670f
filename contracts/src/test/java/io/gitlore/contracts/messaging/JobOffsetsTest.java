package io.gitlore.contracts.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A consumer commits only past ended jobs: an unfinished job is read again from its first record. */
class JobOffsetsTest {

    private static final TopicPartition P = new TopicPartition("gitlore.commits.v1", 0);
    private final List<Long> commits = new ArrayList<>();
    private final JobOffsets offsets = new JobOffsets(map -> commits.add(map.get(P).offset()));

    private void records(String job, long from, long to) {
        for (long o = from; o <= to; o++) {
            offsets.seen(job, P, o);
        }
    }

    @Test
    void aJobEndingWithNoOtherOpenCommitsPastItsEnd() {
        records("a", 0, 9);
        offsets.ended("a", P, 9);
        assertEquals(List.of(10L), commits);
        assertEquals(0, offsets.openJobs());
    }

    @Test
    void anOlderOpenJobHoldsTheCommitAtItsFirstRecord() {
        records("a", 0, 3);
        records("b", 4, 6); // b starts while a is still open (interleaved jobs on one partition)
        records("a", 7, 8);
        offsets.ended("b", P, 9);
        assertEquals(List.of(0L), commits, "a is unfinished: a restart must read it again from offset 0");
        offsets.ended("a", P, 10);
        assertEquals(List.of(0L, 11L), commits);
    }

    @Test
    void aJobReadAgainKeepsItsFirstOffsetAndCommitsNeverGoBack() {
        records("a", 5, 7);
        offsets.ended("a", P, 7);
        records("a", 5, 7); // the same records again after a rebalance: nothing moves backwards
        offsets.ended("a", P, 7);
        assertEquals(List.of(8L), commits);
        assertEquals(Map.of(), offsets.commitPoint("b", P, 3));
    }
}
