package io.gitlore.chunker.bench;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.core.ChunkerOptions;
import io.gitlore.chunker.core.JobState;
import io.gitlore.chunker.core.PipelinedChunker;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Scrapes one ref of a real repository (and its snapshot), chunks it as it streams, and writes every chunk as a JSON
 * line (code inlined, plus the commit message) for surveys of names, change types and parse fallbacks; prints the
 * chunking stats. Usage: {@code ChunkSurvey <repository> <ref> <out.jsonl> [history|snapshot|both] [since-commit]}.
 */
public final class ChunkSurvey {

    public static void main(String[] args) throws Exception {
        Path repoPath = Path.of(args[0]).toAbsolutePath();
        String ref = args[1];
        Path outPath = Path.of(args[2]);
        String what = args.length > 3 ? args[3] : "both";
        String since = args.length > 4 ? args[4] : null;
        File gitDir = RepositoryCache.FileKey.resolve(repoPath.toFile(), FS.DETECTED);
        Path data = Files.createTempDirectory("gitlore-chunk-survey-");
        BlobStore blobs = new BlobStore(data);
        ChunkerOptions options = Mappings.defaults(ChunkerOptions.class);
        JobState job = new JobState("survey", "survey", options.nearDuplicateJaccard());
        Map<String, String> messages = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
             PipelinedChunker chunker = new PipelinedChunker(options, blobs,
                     Integer.getInteger("survey.threads", 2));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(outPath), 1 << 20)) {
            boolean history = !what.equals("snapshot");
            boolean snapshot = !what.equals("history");
            new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs).scrape(repo,
                    new HistoryScraper.Request("survey", "survey", repoPath.toString(), List.of(ref), since, snapshot,
                            ref),
                    SeenCommits.none(), new HistoryScraper.Listener() {
                        @Override
                        public void preScan(PreScan preScan) {
                        }

                        @Override
                        public void commit(CommitRecord commit) {
                            messages.put(commit.hash(), commit.subject() + "\n\n" + commit.body());
                            if (history) {
                                chunker.submit(commit, job, c -> write(out, c, blobs, messages));
                            }
                        }

                        @Override
                        public void snapshot(SnapshotBatch batch) {
                            chunker.snapshot(batch, job, c -> write(out, c, blobs, messages));
                        }
                    });
            chunker.flush();
        }
        System.out.printf("%.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(new String(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(job.stats()),
                StandardCharsets.UTF_8));
        FileTrees.delete(data, true);
    }

    @SuppressWarnings("unchecked")
    private static void write(OutputStream out, ChunkRecord chunk, BlobStore blobs, Map<String, String> messages) {
        try {
            Map<String, Object> m = Json.MAPPER.convertValue(chunk, Map.class);
            if (chunk.newCodeRef() != null) {
                m.put("newCode", new String(blobs.get(chunk.newCodeRef()), StandardCharsets.UTF_8));
            }
            if (chunk.oldCodeRef() != null) {
                m.put("oldCode", new String(blobs.get(chunk.oldCodeRef()), StandardCharsets.UTF_8));
            }
            m.put("message", chunk.snapshot() ? null : messages.get(chunk.commit()));
            out.write(Json.write(m));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
