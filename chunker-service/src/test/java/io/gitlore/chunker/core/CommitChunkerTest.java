package io.gitlore.chunker.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitChunkerTest {

    @TempDir
    Path tmp;

    BlobStore blobs;
    CommitChunker chunker;
    JobState job;

    @BeforeEach
    void setUp() {
        blobs = new BlobStore(tmp.resolve("data"));
        chunker = new CommitChunker(Mappings.defaults(ChunkerOptions.class), blobs);
        job = new JobState("job", "repo", 0.7);
    }

    @AfterEach
    void tearDown() {
        chunker.close();
    }

    private Map<String, List<ChunkRecord>> chunkAll(FixtureRepo repo) throws Exception {
        Map<String, List<ChunkRecord>> bySubject = new java.util.LinkedHashMap<>();
        for (CommitRecord commit : Scraped.commits(repo, blobs)) {
            List<ChunkRecord> chunks = new ArrayList<>();
            chunker.chunk(commit, job, chunks::add);
            bySubject.put(commit.subject(), chunks);
        }
        return bySubject;
    }

    private static String describe(List<ChunkRecord> chunks) {
        return chunks.stream().map(c -> c.path() + " " + c.kind() + " " + c.qualifiedName() + " " + c.changeType())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void rustHistoryIntoUnitsWithChangeTypes() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            assertEquals("""
                    Cargo.toml CONFIG Cargo.toml#package CONFIGURATION
                    README.md DOC README.md#ledger DOCUMENTATION
                    src/account.rs TYPE ledger::account::Account NEW_TYPE
                    src/account.rs IMPL ledger::account::impl Account NEW_FUNCTION
                    src/account.rs METHOD ledger::account::Account::deposit NEW_FUNCTION
                    src/lib.rs FUNCTION ledger::add NEW_FUNCTION""",
                    describe(chunks.get("Initial ledger crate")));
            assertEquals("""
                    src/lib.rs FUNCTION ledger::add BUG_FIX
                    src/lib.rs MODULE ledger::tests NEW_FUNCTION
                    src/lib.rs TEST ledger::tests::adds NEW_TEST""",
                    describe(chunks.get("Fix overflow in add")), "the binary logo yields nothing");
            assertEquals("""
                    src/parse.rs FUNCTION ledger::parse::parse_amount_strict NEW_FUNCTION
                    src/parse.rs FUNCTION ledger::parser::parse_amount DELETED_FUNCTION
                    src/parse.rs TEST ledger::parse::parses_plain_numbers REFACTOR""",
                    describe(chunks.get("Rename parser module to parse")));
            assertEquals("src/account.rs METHOD ledger::account::Account::deposit MODIFIED_FUNCTION",
                    describe(chunks.get("Saturate deposits (caf\u00e9)")));

            ChunkRecord add = chunks.get("Fix overflow in add").get(0);
            assertEquals(3, add.startLine());
            assertEquals(5, add.endLine());
            assertEquals("pub fn add(a: u64, b: u64) -> u64 {\n    a + b\n}\n", add.oldCode());
            assertEquals("pub fn add(a: u64, b: u64) -> u64 {\n    a.checked_add(b).expect(\"overflow\")\n}\n",
                    add.newCode());
            assertEquals(2, add.additions(), "the diff aligns the old closing brace with the test module's");
            assertEquals(1, add.deletions());
            assertEquals(1, add.complexityBefore());
            assertEquals(1, add.complexityAfter());
            assertEquals(1, add.hunks().size(), String.join("\n----\n", add.hunks()));
            assertTrue(add.hunks().get(0).startsWith("@@ -1,5 +1,13 @@"), add.hunks().get(0));
            assertTrue(add.otherFiles().contains("assets/logo.png"));
            assertEquals("Ada Lovelace", add.author());
            assertEquals(32, add.chunkId().length());

            ChunkRecord impl = chunks.get("Initial ledger crate").get(3);
            assertEquals(ChunkKind.IMPL, impl.kind());
            assertEquals("impl Account {\n    pub fn deposit(&mut self, amount: u64) { \u2026\n}\n", impl.newCode(),
                    "a container shows its members collapsed");

            ChunkRecord deleted = chunks.get("Rename parser module to parse").get(1);
            assertNull(deleted.newCode());
            assertTrue(deleted.oldCode().contains("pub fn parse_amount(text: &str)"));
        }
    }

    @Test
    void snapshotChunksTheCodeAsItIsNowWithItsLastCommit() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            List<io.gitlore.contracts.scrape.SnapshotBatch> batches = new ArrayList<>();
            List<CommitRecord> commits = Scraped.commits(repo, blobs, batches);
            List<ChunkRecord> chunks = new ArrayList<>();
            batches.forEach(b -> chunker.chunkSnapshot(b, job, chunks::add));
            assertTrue(chunks.stream().allMatch(ChunkRecord::snapshot));
            assertTrue(chunks.stream().allMatch(c -> c.changeType() == io.gitlore.contracts.chunk.ChangeKind.SNAPSHOT));
            ChunkRecord deposit = chunks.stream().filter(c -> c.qualifiedName().equals("ledger::account::Account::deposit"))
                    .findFirst().orElseThrow();
            CommitRecord last = commits.stream().filter(c -> c.subject().startsWith("Saturate")).findFirst()
                    .orElseThrow();
            assertEquals(last.hash(), deposit.commit(), "attributed to the last commit that touched the file");
            assertEquals(last.index(), deposit.commitIndex());
            assertTrue(deposit.newCode().contains("saturating_add"));
            assertNull(deposit.oldCode());
            assertEquals(java.util.Set.of("ledger::add", "ledger::tests", "ledger::tests::adds"),
                    chunks.stream().filter(c -> c.path().equals("src/lib.rs")).map(ChunkRecord::qualifiedName)
                            .collect(Collectors.toSet()));
            assertEquals(1L, job.stats().skipped().get("snapshot-binary"));
        }
    }

    @Test
    void thePipelinedChunkerEmitsExactlyWhatTheSequentialOneDoes() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            List<CommitRecord> commits = Scraped.commits(repo, blobs);
            List<ChunkRecord> sequential = new ArrayList<>();
            commits.forEach(c -> chunker.chunk(c, job, sequential::add));
            JobState pipelinedJob = new JobState("job", "repo", 0.7);
            List<ChunkRecord> pipelined = new ArrayList<>();
            try (PipelinedChunker parallel = new PipelinedChunker(Mappings.defaults(ChunkerOptions.class), blobs, 3)) {
                commits.forEach(c -> parallel.submit(c, pipelinedJob, pipelined::add));
                parallel.flush();
            }
            assertEquals(sequential, pipelined, "same records in the same order");
            assertEquals(job.stats().byKind(), pipelinedJob.stats().byKind());
            assertEquals(job.stats().skipped(), pipelinedJob.stats().skipped());
        }
    }

    @Test
    void theSameFileAtAnotherPathTakesThatPathsModuleNames() throws Exception {
        String code = """
                pub fn verify(block: &[u8]) -> bool {
                    if block.is_empty() {
                        return false;
                    }
                    block.iter().all(|b| *b != 0xff)
                }
                """;
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("copies"))) {
            repo.write("consensus/src/check.rs", code).commit("Add the block check");
            // The same blob lands in a second crate: its units are that crate's, not the first one's.
            repo.write("mempool/src/check.rs", code).commit("Reuse the block check in the mempool");
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            assertEquals("consensus/src/check.rs FUNCTION consensus::check::verify NEW_FUNCTION",
                    describe(chunks.get("Add the block check")));
            assertEquals("mempool/src/check.rs FUNCTION mempool::check::verify NEW_FUNCTION",
                    describe(chunks.get("Reuse the block check in the mempool")));
        }
    }

    @Test
    void chunkIdsAreDeterministicAcrossRuns() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            List<String> first = chunkAll(repo).values().stream().flatMap(List::stream).map(ChunkRecord::chunkId)
                    .toList();
            setUp();
            List<String> second = chunkAll(repo).values().stream().flatMap(List::stream).map(ChunkRecord::chunkId)
                    .toList();
            assertEquals(first, second);
            assertEquals(first.size(), first.stream().distinct().count(), "ids are unique");
        }
    }

    @Test
    void javaAndPythonFilesChunkByMethodAndFunction() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("poly"))) {
            repo.write("src/main/java/com/example/Bank.java", """
                    package com.example;

                    public class Bank {
                        public int balance() {
                            return 1;
                        }

                        @Test
                        void balanceIsOne() {
                            assertEquals(1, new Bank().balance());
                        }
                    }
                    """).write("shop/store.py", """
                    def load(path):
                        return open(path).read()


                    def test_load():
                        assert load("x") == ""
                    """).commit("Add bank and store");
            repo.write("src/main/java/com/example/Bank.java", """
                    package com.example;

                    public class Bank {
                        public int balance() {
                            return cached != null ? cached : 1;
                        }

                        @Test
                        void balanceIsOne() {
                            assertEquals(1, new Bank().balance());
                        }
                    }
                    """).write("shop/store.py", """
                    def load(path):
                        with open(path) as f:
                            return f.read()


                    def test_load():
                        assert load("x") == ""
                    """).commit("Speed up balance lookups with a cache");
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            assertEquals("""
                    shop/store.py FUNCTION shop.store.load NEW_FUNCTION
                    shop/store.py TEST shop.store.test_load NEW_TEST
                    src/main/java/com/example/Bank.java TYPE com.example.Bank NEW_TYPE
                    src/main/java/com/example/Bank.java METHOD com.example.Bank.balance NEW_FUNCTION
                    src/main/java/com/example/Bank.java TEST com.example.Bank.balanceIsOne NEW_TEST""",
                    describe(chunks.get("Add bank and store")));
            assertEquals("""
                    shop/store.py FUNCTION shop.store.load OPTIMISATION
                    src/main/java/com/example/Bank.java METHOD com.example.Bank.balance OPTIMISATION""",
                    describe(chunks.get("Speed up balance lookups with a cache")));
            ChunkRecord balance = chunks.get("Speed up balance lookups with a cache").get(1);
            assertEquals(1, balance.complexityBefore());
            assertEquals(2, balance.complexityAfter());
        }
    }

    @Test
    void plantedSecretsNeverLeaveTheChunker() throws Exception {
        String aws = "AKIAIOSFODNN7EXAMPLE";
        String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String password = "Xk9#pL2!vQ7z";
        // A key block is redacted when it holds key material (base64 of plausible length), as a real key does.
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq9Zx4Lw2v8QpT1mN3sR6yU0iK5oJ9hG2fD4aS7eW1cV3bX8nM0\n"
                + "qP6rT2yU4iO8lK3jH5gF7dS9aZ1xC3vB5nM7qW9eR1tY3uI5oP7aS9dF1gH3jK5lZ7x\n-----END RSA PRIVATE KEY-----";
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("secrets"))) {
            repo.write("config/app.toml", "[aws]\naccess_key_id = \"" + aws + "\"\n\n[db]\npassword = \""
                            + password + "\"\nuser = \"app\"\n")
                    .write("src/client.rs", "pub fn token() -> &'static str {\n    \"" + github + "\"\n}\n")
                    .write("deploy/id_rsa.txt", key + "\n")
                    .write("docs/setup.md", "# Setup\n\nSet `password = \"changeme\"` in dev.\n")
                    .commit("Add client configuration");
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            String all = new String(Json.write(chunks), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(all.contains(aws), "AWS key leaked");
            assertFalse(all.contains(github), "GitHub token leaked");
            assertFalse(all.contains(password), "password leaked");
            assertFalse(all.contains("MIIEowIBAAKCAQEA7bq9"), "private key leaked");
            assertTrue(all.contains("<REDACTED:aws-access-key>"));
            assertTrue(all.contains("<REDACTED:github-token>"));
            assertTrue(all.contains("<REDACTED:password>"));
            assertTrue(all.contains("<REDACTED:private-key>"));
            assertTrue(all.contains("changeme"), "a low-entropy placeholder is not a secret");
            Map<String, Long> redacted = job.stats().redacted();
            assertEquals(4, redacted.size(), redacted.toString());
        }
    }

    @Test
    void duplicatesAreMarkedExactAndNear() throws Exception {
        String body = """
                pub fn checksum(data: &[u8]) -> u32 {
                    let mut a: u32 = 1;
                    let mut b: u32 = 0;
                    for byte in data {
                        a = (a + *byte as u32) % 65521;
                        b = (b + a) % 65521;
                    }
                    (b << 16) | a
                }
                """;
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("dups"))) {
            repo.write("a/src/lib.rs", body).commit("Add checksum to a");
            repo.write("b/src/lib.rs", body).commit("Copy checksum to b");
            repo.write("c/src/lib.rs", body.replace("let mut b: u32 = 0;", "let mut b: u32 = 0; // running sum"))
                    .commit("Copy checksum to c with a comment");
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            ChunkRecord first = chunks.get("Add checksum to a").get(0);
            ChunkRecord exact = chunks.get("Copy checksum to b").get(0);
            ChunkRecord near = chunks.get("Copy checksum to c with a comment").get(0);
            assertNull(first.duplicateOf());
            assertEquals(first.chunkId(), exact.duplicateOf());
            assertNull(near.duplicateOf());
            assertEquals(first.chunkId(), near.nearDuplicateOf());
            assertEquals(1, job.stats().exactDuplicates());
            assertEquals(1, job.stats().nearDuplicates());
        }
    }

    @Test
    void unparsableGeneratedAndHugeInputsDegradeGracefully() throws Exception {
        StringBuilder big = new StringBuilder("pub fn big() {\n");
        for (int i = 0; i < 400; i++) {
            big.append("    let value_").append(i).append(" = compute(").append(i).append(", \"x\");\n");
        }
        big.append("}\n");
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("odd"))) {
            repo.write("src/broken.rs", "pub fn ok() {}\n\nfn broken( {\n    let = ;\n}\n")
                    .write("web/app.min.js", "var a=1;".repeat(2000))
                    .write("web/bundle.js", "x".repeat(20_000) + "\n")
                    .write("src/big.rs", big.toString())
                    .commit("Add odd files");
            Map<String, List<ChunkRecord>> chunks = chunkAll(repo);
            List<ChunkRecord> odd = chunks.get("Add odd files");
            assertTrue(odd.stream().anyMatch(c -> c.path().equals("src/broken.rs") && c.parseFallback()),
                    describe(odd));
            List<ChunkRecord> parts = odd.stream().filter(c -> c.path().equals("src/big.rs")).toList();
            assertTrue(parts.size() >= 4, describe(parts));
            assertTrue(parts.stream().allMatch(c -> c.tokens() <= 512), "parts stay under the budget");
            assertTrue(parts.get(0).name().startsWith("big [1/"), parts.get(0).name());
            assertEquals(2L, job.stats().skipped().get("generated"), job.stats().skipped().toString());
            assertTrue(job.stats().parseFallbacks() >= 1);
        }
    }
}
