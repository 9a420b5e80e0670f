package io.gitlore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * What one job produced, in a form two runs can be compared by: the commit records and chunks as JSON without the
 * fields that name the job or the repository copy, the chunk ids in order, the dataset's shard checksums, the point
 * ids in the repository's Lucene index, and the training report. Reading them also checks that no message of the
 * job is on a topic twice and that each stream has exactly one end.
 */
record RunOutputs(List<String> commits, List<String> chunkIds, List<String> chunks, long expectedChunks,
                  Map<String, String> shards, String tokenizerSha256, Set<String> points, TrainingReport report) {

    static RunOutputs of(JobRun run, Pipeline pipeline) {
        List<CommitStreamItem> stream = pipeline.commits.values(i -> run.jobId.equals(i.jobId()));
        assertUnique("gitlore.commits.v1", stream.stream().map(CommitStreamItem::messageId).toList());
        List<RepositorySummary> summaries = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        for (CommitStreamItem item : stream) {
            if (item instanceof CommitRecord c) {
                commits.add(normalised(c));
            } else if (item instanceof RepositorySummary s) {
                summaries.add(s);
            }
        }
        assertEquals(1, summaries.size(), "one end marker on the commits topic");
        assertEquals(summaries.get(0).emitted(), commits.size(), "the scraper's count matches its records");

        List<ChunkStreamItem> chunkStream = pipeline.chunks.values(i -> run.jobId.equals(i.jobId()));
        assertUnique("gitlore.chunks.v1", chunkStream.stream().map(ChunkStreamItem::messageId).toList());
        List<String> ids = new ArrayList<>();
        List<String> chunks = new ArrayList<>();
        List<ChunkingStats> ends = new ArrayList<>();
        for (ChunkStreamItem item : chunkStream) {
            if (item instanceof ChunkRecord c) {
                ids.add(c.chunkId());
                chunks.add(normalised(c));
            } else if (item instanceof ChunkingStats s) {
                ends.add(s);
            }
        }
        assertEquals(1, ends.size(), "one end marker on the chunks topic");
        assertEquals(ends.get(0).emitted(), ids.size(), "the chunker's count matches its records");
        assertEquals(commits.size(), ends.get(0).commits(), "the chunker read every commit");

        List<DatasetReady> ready = pipeline.datasets.values(d -> run.jobId.equals(d.jobId()));
        assertEquals(1, ready.size(), "one dataset-ready record");
        DatasetManifest manifest = ready.get(0).manifest();
        assertTrue(manifest != null, "a dataset was built: " + ready.get(0).reason());
        Map<String, String> shards = new TreeMap<>();
        manifest.splits().forEach(split -> split.shards().forEach((name, shard) ->
                shards.put(split.name() + "/" + name, shard.sha256())));
        List<TrainingReport> reports = pipeline.reports.values(r -> run.jobId.equals(r.jobId()));
        assertEquals(1, reports.size(), "one training report");
        assertNoGapReported(run);
        return new RunOutputs(commits, ids, chunks, ends.get(0).emitted(), shards, manifest.tokenizerSha256(),
                points(pipeline.data.resolve("index").resolve(run.repositoryId)), reports.get(0));
    }

    /** Equal outputs, checked piece by piece so that a failure names what differs. */
    void assertSameAs(RunOutputs clean, String scenario) {
        assertEquals(clean.commits.size(), commits.size(), scenario + ": commit records");
        assertEquals(clean.commits, commits, scenario + ": the commit records' content");
        assertEquals(clean.chunkIds, chunkIds, scenario + ": chunk ids, in order");
        assertEquals(clean.chunks, chunks, scenario + ": the chunks' content");
        assertEquals(clean.tokenizerSha256, tokenizerSha256, scenario + ": the tokenizer");
        assertEquals(clean.shards, shards, scenario + ": the dataset shards' SHA-256");
        assertEquals(clean.points.size(), points.size(), scenario + ": vector points");
        assertEquals(clean.points, points, scenario + ": the vector point ids");
        assertEquals(TrainingReport.Status.COMPLETED, report.status(), scenario + ": training " + report.reason());
        assertEquals(clean.report.run().stepsDone(), report.run().stepsDone(), scenario + ": training steps");
    }

    /** The stages that count their input say they received all of it, in every completed event they sent. */
    private static void assertNoGapReported(JobRun run) {
        for (JobEvent e : run.events("chunk", JobEventType.COMPLETED)) {
            assertEquals(e.total(), e.done(), "the chunker got every commit the scraper sent: " + e.message());
        }
        for (JobEvent e : run.events("embed", JobEventType.COMPLETED)) {
            assertEquals(String.valueOf(e.details().get("expectedChunks")), String.valueOf(e.details().get("chunks")),
                    "the embedder got every chunk the chunker sent: " + e.message());
        }
    }

    private static String normalised(Object item) {
        ObjectNode json = Json.MAPPER.valueToTree(item);
        json.remove(List.of("jobId", "repositoryId"));
        return json.toString();
    }

    static void assertUnique(String topic, List<String> ids) {
        Set<String> seen = new HashSet<>();
        List<String> twice = ids.stream().filter(id -> !seen.add(id)).toList();
        assertTrue(twice.isEmpty(), "messages on " + topic + " twice: " + twice);
    }

    /** The point ids in a Lucene index the embedder still has open (a reader sees its last commit). */
    static Set<String> points(Path index) {
        Set<String> ids = new TreeSet<>();
        if (!Files.isDirectory(index)) {
            return ids;
        }
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
            Bits live = MultiBits.getLiveDocs(reader);
            StoredFields fields = reader.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                if (live == null || live.get(doc)) {
                    ids.add(fields.document(doc).get("id"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the index " + index, e);
        }
        return ids;
    }
}
