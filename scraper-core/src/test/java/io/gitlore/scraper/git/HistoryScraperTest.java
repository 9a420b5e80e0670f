package io.gitlore.scraper.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryScraperTest {

    @TempDir
    Path tmp;

    /** The scraper's defaults, read from its configuration mapping. */
    private static final ScrapeOptions DEFAULTS = Mappings.defaults(ScrapeOptions.class);

    BlobStore blobs;

    @BeforeEach
    void setUp() {
        blobs = new BlobStore(tmp.resolve("data"));
    }

    private Collector scrape(FixtureRepo repo, ScrapeOptions options, SeenCommits seen, List<String> refs,
                             String since) throws ScrapeException {
        Collector out = new Collector();
        HistoryScraper.Result result = new HistoryScraper(options, blobs).scrape(repo.repository(),
                new HistoryScraper.Request("job-1", "repo-1", repo.dir().toString(), refs, since), seen, out);
        seen.append(result.emitted());
        lastSummary = result.summary();
        return out;
    }

    RepositorySummary lastSummary;

    private Collector scrape(FixtureRepo repo) throws ScrapeException {
        return scrape(repo, DEFAULTS, SeenCommits.none(), List.of(), null);
    }

    /** Bodies are written on I/O threads, but a record goes out only once every body it refers to is stored. */
    @Test
    void aRecordIsSentOnlyAfterTheBodiesItRefersToAreStored() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            for (int i = 0; i < 40; i++) {
                repo.write("src/gen/file" + i + ".rs", "pub fn f" + i + "() {}\n".repeat(i + 1));
            }
            repo.commit("Generate forty files");
            List<String> missing = new java.util.ArrayList<>();
            int[] refs = {0};
            new HistoryScraper(DEFAULTS, blobs).scrape(repo.repository(),
                    new HistoryScraper.Request("job-1", "repo-1", "x", List.of(), null), SeenCommits.none(),
                    new Collector() {
                        @Override
                        public void commit(CommitRecord commit) {
                            for (FileChange f : commit.files()) {
                                for (var ref : java.util.Arrays.asList(f.oldBlob(), f.newBlob())) {
                                    if (ref != null) {
                                        refs[0]++;
                                        if (!blobs.contains(ref.id())) {
                                            missing.add(commit.subject() + ": " + f.path());
                                        }
                                    }
                                }
                            }
                        }
                    });
            assertTrue(refs[0] >= 40, "the history refers to stored bodies: " + refs[0]);
            assertEquals(List.of(), missing);
        }
    }

    /** A merge of an up-to-date branch repeats the branch commit's pair of trees: its files are reused, unchanged. */
    @Test
    void aMergeRepeatingItsBranchCommitHasThatCommitsFiles() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("merge"))) {
            repo.write("src/lib.rs", "pub fn a() {}\n").write("logo.png", new byte[] {1, 0, 2}).commit("Start");
            repo.branch("feature").checkout("feature");
            repo.write("src/lib.rs", "pub fn a() {}\npub fn b() {}\n").move("logo.png", "assets/logo.png")
                    .write("src/new.rs", "pub struct New;\n").commit("Add b");
            repo.checkout("main").merge("feature", "Merge feature");
            Collector out = scrape(repo);
            CommitRecord branch = out.bySubject("Add b");
            CommitRecord merge = out.bySubject("Merge feature");
            assertEquals(3, branch.files().size());
            assertEquals(branch.files(), merge.files());
            assertEquals(3, lastSummary.binaryFiles(), "the binary counts once per commit that touches it");
        }
    }

    @Test
    void everyCommitOfEveryRefOnceParentsBeforeChildren() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector out = scrape(repo);
            assertEquals(Fixtures.RICH_COMMITS, out.commits.size());
            assertEquals(Fixtures.RICH_COMMITS, out.preScan.commits());
            Map<String, Integer> position = new HashMap<>();
            for (CommitRecord c : out.commits) {
                assertNull(position.put(c.hash(), (int) c.index()), "commit emitted twice: " + c.hash());
                for (String parent : c.parents()) {
                    assertTrue(position.containsKey(parent), c.subject() + " came before its parent");
                }
            }
            assertEquals("Initial ledger crate", out.commits.get(0).subject());
            assertEquals(0, out.commits.get(0).index());
            assertTrue(out.bySubject("Topic work").branches().contains("origin/topic"));
        }
    }

    @Test
    void containingRefsMatchJGitIsMergedInto() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"));
             RevWalk walk = new RevWalk(repo.repository())) {
            Collector out = scrape(repo);
            List<Ref> refs = repo.repository().getRefDatabase().getRefs();
            for (CommitRecord c : out.commits) {
                Set<String> expected = new TreeSet<>();
                for (Ref ref : refs) {
                    if (ref.isSymbolic()) {
                        continue;
                    }
                    RevCommit tip = walk.parseCommit(ref.getObjectId());
                    if (walk.isMergedInto(walk.parseCommit(ObjectId.fromString(c.hash())), tip)) {
                        expected.add(org.eclipse.jgit.lib.Repository.shortenRefName(ref.getName()));
                    }
                }
                Set<String> actual = new TreeSet<>(c.branches());
                actual.addAll(c.tags());
                assertEquals(expected, actual, "refs containing " + c.subject());
            }
            assertEquals(List.of("origin/topic"), out.bySubject("Topic work").branches());
            assertEquals(List.of(), out.bySubject("Topic work").tags());
            assertEquals(Set.of("v0.1", "v0.2"), Set.copyOf(out.bySubject("Add amount parser").tags()));
        }
    }

    @Test
    void metadataRenamesBinaryAndMerges() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector out = scrape(repo);
            CommitRecord fix = out.bySubject("Fix overflow");
            assertEquals("Use checked_add so that huge balances panic instead of wrapping.", fix.body());
            assertEquals("Ada Lovelace", fix.author().name());
            assertEquals("+02:00", fix.author().timeZone());
            assertEquals(7, fix.shortHash().length());
            FileChange logo = file(fix, "assets/logo.png");
            assertTrue(logo.binary());
            assertEquals(ChangeType.ADDED, logo.changeType());
            assertNull(logo.newBlob(), "binary bodies stay out of the blob store");
            FileChange lib = file(fix, "src/lib.rs");
            assertEquals("rust", lib.language());
            assertEquals(ChangeType.MODIFIED, lib.changeType());
            assertEquals(9, lib.insertions());
            assertEquals(1, lib.deletions());
            assertTrue(lib.patch().startsWith("diff --git a/src/lib.rs b/src/lib.rs"));
            assertEquals(Files.readString(repo.dir().resolve("src/lib.rs")),
                    new String(blobs.get(lib.newBlob()), StandardCharsets.UTF_8));
            assertEquals(fix.insertions(), fix.files().stream().mapToInt(FileChange::insertions).sum());

            FileChange renamed = out.bySubject("Rename parser").files().get(0);
            assertEquals(ChangeType.RENAMED, renamed.changeType());
            assertEquals("src/parser.rs", renamed.oldPath());
            assertEquals("src/parse.rs", renamed.newPath());
            assertTrue(renamed.similarity() >= 50 && renamed.similarity() < 100, "score " + renamed.similarity());

            CommitRecord merge = out.bySubject("Merge branch");
            assertTrue(merge.merge());
            assertEquals(2, merge.parents().size());
            assertEquals(Set.of("src/parse.rs"), Set.copyOf(merge.files().stream().map(FileChange::path).toList()),
                    "a merge is diffed against its first parent");
        }
    }

    @Test
    void nonUtf8ContentAndMessagesAreDecodedAndFlagged() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector out = scrape(repo);
            FileChange latin1 = file(out.bySubject("Document"), "docs/latin1.txt");
            assertTrue(latin1.nonUtf8());
            assertFalse(latin1.binary());
            assertArrayEquals("caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1),
                    blobs.get(latin1.newBlob()), "the blob store keeps the original bytes");
            CommitRecord raw = out.bySubject("Saturate deposits");
            assertTrue(raw.messageNonUtf8());
            assertEquals("Saturate deposits (caf\u00e9)", raw.subject(), "undeclared Latin-1 decodes as Latin-1");
            assertFalse(out.bySubject("Document").messageNonUtf8());
            assertEquals(1, lastSummary.nonUtf8Messages());
            assertEquals(1, lastSummary.nonUtf8Files());
        }
    }

    @Test
    void largePatchesAreClaimChecked() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector out = scrape(repo);
            FileChange table = file(out.bySubject("Add generated table"), "data/table.txt");
            assertNull(table.patch());
            assertNotNull(table.patchRef());
            assertFalse(table.truncated());
            String stored = new String(blobs.get(table.patchRef()), StandardCharsets.UTF_8);
            assertTrue(stored.startsWith("diff --git a/data/table.txt"));
            assertEquals(table.patchBytes(), stored.getBytes(StandardCharsets.UTF_8).length);
            assertEquals(6000, table.insertions());
            for (CommitRecord c : out.commits) {
                assertTrue(Json.write(c).length < 900_000, "message of " + c.subject() + " too large");
            }

            Collector cut = scrape(repo, Mappings.of(ScrapeOptions.class, "max-inline-patch-bytes", "4096",
                    "max-patch-bytes", "50000", "diff-threads", "2"), SeenCommits.none(), List.of(), null);
            FileChange truncated = file(cut.bySubject("Add generated table"), "data/table.txt");
            assertTrue(truncated.truncated());
            byte[] kept = blobs.get(truncated.patchRef());
            assertTrue(kept.length <= 50_000 && kept[kept.length - 1] == '\n', "cut at a line end");
        }
    }

    @Test
    void fileListsTooLargeForAMessageGoToTheBlobStore() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("wide"))) {
            for (int i = 0; i < 400; i++) {
                repo.write("gen/file-" + i + ".txt", "content " + i + "\n");
            }
            repo.commit("Add 400 files");
            Collector out = scrape(repo, Mappings.of(ScrapeOptions.class, "max-message-bytes", "50000"),
                    SeenCommits.none(), List.of(), null);
            CommitRecord wide = out.commits.get(0);
            assertEquals(400, wide.filesChanged());
            assertTrue(wide.files().isEmpty());
            FileChange[] stored = Json.MAPPER.readValue(blobs.get(wide.filesRef()), FileChange[].class);
            assertEquals(400, stored.length);
            assertTrue(Json.write(wide).length < 50_000);
        }
    }

    @Test
    void incrementalScrapeEmitsOnlyNewCommits() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Path data = tmp.resolve("data");
            SeenCommits seen = SeenCommits.load(data, "repo-1");
            assertEquals(Fixtures.RICH_COMMITS, scrape(repo, DEFAULTS, seen, List.of(), null).commits.size());

            Collector again = scrape(repo, DEFAULTS, SeenCommits.load(data, "repo-1"), List.of(), null);
            assertEquals(0, again.commits.size());
            assertEquals(Fixtures.RICH_COMMITS, lastSummary.skippedAlreadySeen());

            repo.write("src/new.rs", "pub fn new() {}\n").commit("Add new module");
            Collector third = scrape(repo, DEFAULTS, SeenCommits.load(data, "repo-1"), List.of(), null);
            assertEquals(1, third.commits.size());
            assertEquals("Add new module", third.commits.get(0).subject());
            assertEquals(Fixtures.RICH_COMMITS, third.commits.get(0).index());
        }
    }

    /**
     * A cancellation stops the walk before the next commit: the summary counts exactly what was handed over, no
     * snapshot follows, and only those commits are recorded as seen, so the next job emits the rest in order.
     */
    @Test
    void aCancelledScrapeStopsAtACommitAndTheNextJobEmitsTheRest() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Path data = tmp.resolve("data");
            SeenCommits seen = SeenCommits.load(data, "repo-1");
            List<io.gitlore.contracts.scrape.SnapshotBatch> batches = new java.util.ArrayList<>();
            Collector cancelled = new Collector() {
                @Override
                public String cancelled() {
                    return commits.size() == 3 ? "asked by a test" : null;
                }

                @Override
                public void snapshot(io.gitlore.contracts.scrape.SnapshotBatch batch) {
                    batches.add(batch);
                }
            };
            HistoryScraper.Result result = new HistoryScraper(DEFAULTS, blobs).scrape(repo.repository(),
                    new HistoryScraper.Request("job-1", "repo-1", "x", List.of(), null, true, null), seen, cancelled);

            assertEquals(3, cancelled.commits.size());
            assertEquals(3, result.summary().emitted());
            assertEquals(Fixtures.RICH_COMMITS, result.total());
            assertEquals("asked by a test", result.summary().cancelled());
            assertTrue(result.summary().notes().contains("cancelled after 3 of " + Fixtures.RICH_COMMITS
                    + " commits: asked by a test"), result.summary().notes().toString());
            assertTrue(batches.isEmpty(), "no snapshot after a cancellation");
            assertNull(result.summary().snapshotRef());
            assertEquals(cancelled.commits.stream().map(CommitRecord::hash).toList(),
                    result.emitted().stream().map(ObjectId::name).toList(), "only what was handed over");
            seen.append(result.emitted());

            Collector rest = scrape(repo, DEFAULTS, SeenCommits.load(data, "repo-1"), List.of(), null);
            assertEquals(Fixtures.RICH_COMMITS - 3, rest.commits.size());
            assertEquals(3, rest.commits.get(0).index(), "the next job goes on where the cancelled one stopped");
            Collector whole = scrape(repo, DEFAULTS, SeenCommits.none(), List.of(), null);
            List<String> both = new java.util.ArrayList<>(cancelled.commits.stream().map(CommitRecord::hash).toList());
            rest.commits.forEach(c -> both.add(c.hash()));
            assertEquals(whole.commits.stream().map(CommitRecord::hash).toList(), both);
        }
    }

    @Test
    void refFilterAndSinceCommitNarrowTheWalk() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector mainOnly = scrape(repo, DEFAULTS, SeenCommits.none(), List.of("main"), null);
            assertEquals(Fixtures.RICH_COMMITS - 1, mainOnly.commits.size());
            assertTrue(mainOnly.commits.stream().noneMatch(c -> c.subject().startsWith("Topic")));

            Collector sinceTag = scrape(repo, DEFAULTS, SeenCommits.none(), List.of("refs/heads/*"), "v0.1");
            assertEquals(List.of("Add generated table", "Saturate deposits (caf\u00e9)"),
                    sinceTag.commits.stream().map(CommitRecord::subject).toList());

            ScrapeException unknown = org.junit.jupiter.api.Assertions.assertThrows(ScrapeException.class,
                    () -> scrape(repo, DEFAULTS, SeenCommits.none(), List.of(), "no-such-ref"));
            assertTrue(unknown.getMessage().contains("no-such-ref"), unknown.getMessage());
        }
    }

    @Test
    void missingBlobMarksTheFileAndTheWalkGoesOn() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("partial"))) {
            repo.write("big.bin.txt", "version one\n".repeat(100)).write("keep.txt", "kept\n");
            RevCommit first = repo.commit("Add big file");
            repo.write("big.bin.txt", "version two\n".repeat(100)).commit("Change big file");
            repo.write("keep.txt", "kept again\n").commit("Touch another file");
            repo.deleteLooseObject(repo.blobId(first, "big.bin.txt"));

            Collector out = scrape(repo);
            assertEquals(3, out.commits.size(), "every commit is still emitted");
            FileChange broken = file(out.bySubject("Change big file"), "big.bin.txt");
            assertNotNull(broken.unavailable());
            assertTrue(broken.unavailable().contains("missing"), broken.unavailable());
            FileChange alsoBroken = file(out.bySubject("Add big file"), "big.bin.txt");
            assertNotNull(alsoBroken.unavailable());
            assertNull(file(out.bySubject("Touch another"), "keep.txt").unavailable());
            assertEquals(2, lastSummary.missingObjects());
        }
    }

    @Test
    void emptyRepositoryCompletesWithAReason() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("empty"))) {
            Collector out = scrape(repo);
            assertEquals(0, out.commits.size());
            assertEquals(0, lastSummary.emitted());
            assertTrue(lastSummary.notes().get(0).contains("no commits"), lastSummary.notes().toString());
        }
    }

    @Test
    void detachedHeadHistoryIsIncluded() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("detached"))) {
            RevCommit base = repo.write("a.txt", "a\n").commit("Base");
            repo.detach(base);
            repo.write("a.txt", "b\n");
            RevCommit loose = repo.commit("Commit on a detached HEAD");
            Collector out = scrape(repo);
            assertEquals(2, out.commits.size());
            assertEquals(List.of("HEAD"), out.bySubject("Commit on a detached").branches());
            assertTrue(lastSummary.detachedHead());
            assertEquals(loose.name(), out.commits.get(1).hash());
        }
    }

    @Test
    void progressIsReportedAndTheSummaryAddsUp() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Collector out = scrape(repo, Mappings.of(ScrapeOptions.class, "progress-every", "4",
                    "diff-threads", "2"), SeenCommits.none(), List.of(), null);
            assertEquals(List.of(4L, 8L, 9L), out.progress.stream().map(p -> p[0]).toList());
            RepositorySummary s = lastSummary;
            assertEquals(9, s.emitted());
            assertEquals(2, s.authors());
            assertEquals(1, s.merges());
            assertEquals(3, s.branches());
            assertEquals(2, s.tags());
            assertEquals(out.commits.stream().mapToLong(CommitRecord::insertions).sum(), s.insertions());
            assertEquals(out.commits.stream().mapToLong(CommitRecord::deletions).sum(), s.deletions());
            assertEquals(1, s.binaryFiles());
            assertTrue(s.firstCommitAt().isBefore(s.lastCommitAt()));
            assertEquals(10, s.filesTouched());
        }
    }

    @Test
    void snapshotListsTheDefaultBranchFilesWithTheirLastCommit() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            List<io.gitlore.contracts.scrape.SnapshotBatch> batches = new java.util.ArrayList<>();
            Collector out = new Collector() {
                @Override
                public void snapshot(io.gitlore.contracts.scrape.SnapshotBatch batch) {
                    batches.add(batch);
                }
            };
            HistoryScraper.Result result = new HistoryScraper(DEFAULTS, blobs).scrape(
                    repo.repository(), new HistoryScraper.Request("job-1", "repo-1", "x", List.of(), null, true, null),
                    SeenCommits.none(), out);
            assertEquals(1, batches.size());
            var files = batches.get(0).files().stream().collect(java.util.stream.Collectors.toMap(
                    io.gitlore.contracts.scrape.SnapshotFile::path, f -> f));
            assertEquals(Set.of("README.md", "Cargo.toml", "src/lib.rs", "src/account.rs", "src/parse.rs",
                    "assets/logo.png", "docs/latin1.txt", "data/table.txt"), files.keySet(),
                    "main's tree: origin/topic's file is not in it");
            assertEquals(out.bySubject("Saturate deposits").hash(), files.get("src/account.rs").lastCommit());
            assertEquals(out.bySubject("Rename parser").hash(), files.get("src/parse.rs").lastCommit(),
                    "a merged branch's commit is on main's history");
            assertEquals(out.bySubject("Document").hash(), files.get("README.md").lastCommit());
            assertTrue(files.get("assets/logo.png").binary());
            assertNull(files.get("assets/logo.png").blob());
            assertEquals(Files.readString(repo.dir().resolve("src/lib.rs")),
                    new String(blobs.get(files.get("src/lib.rs").blob()), StandardCharsets.UTF_8));
            assertEquals("refs/heads/main", result.summary().snapshotRef());
            assertEquals(8, result.summary().snapshotFiles());
        }
    }

    private static FileChange file(CommitRecord commit, String path) {
        return commit.files().stream().filter(f -> path.equals(f.path())).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not in " + commit.subject()));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
