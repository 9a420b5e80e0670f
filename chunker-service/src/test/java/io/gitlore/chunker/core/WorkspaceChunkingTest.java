package io.gitlore.chunker.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history shaped like a real Rust workspace (packages named unlike their directories, a renamed lib, binaries,
 * integration tests, examples, a build script, a tool crate, a package renamed mid-history), plus a Go module and a
 * Python package, chunked commit by commit.
 */
class WorkspaceChunkingTest {

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

    private static FixtureRepo workspace(Path dir) {
        FixtureRepo repo = FixtureRepo.init(dir);
        repo.write("Cargo.toml", "[workspace]\nmembers = [\"node\", \"crates/*\", \"tools/gen\"]\n")
                .write("node/Cargo.toml", """
                        [package]
                        name = "the-node"
                        version = "0.1.0"

                        [[bin]]
                        name = "node-admin"
                        path = "src/admin/main.rs"
                        """)
                .write("node/src/lib.rs", "pub mod net;\n\npub fn start() -> u32 {\n    7\n}\n")
                .write("node/src/net/peer.rs", """
                        pub struct Peer {
                            received: usize,
                        }

                        impl Peer {
                            /// Record an incoming message of `bytes` bytes.
                            #[inline]
                            pub fn record(&mut self, bytes: usize) {
                                self.received += bytes;
                            }

                            #[must_use]
                            pub fn received(&self) -> usize {
                                self.received
                            }
                        }
                        """)
                .write("node/src/main.rs", "fn main() {\n    the_node::start();\n}\n")
                .write("node/src/bin/bench_tool.rs", "fn main() {\n    println!(\"bench\");\n}\n")
                .write("node/src/admin/main.rs", "mod cli;\n\nfn main() {\n    cli::run();\n}\n")
                .write("node/src/admin/cli.rs", "pub fn run() {\n    println!(\"admin\");\n}\n")
                .write("node/tests/sync_test.rs", "#[test]\nfn syncs() {\n    assert_eq!(the_node::start(), 7);\n}\n")
                .write("node/examples/demo.rs", "fn main() {\n    the_node::start();\n}\n")
                .write("node/build.rs", "fn main() {\n    println!(\"cargo:rerun-if-changed=build.rs\");\n}\n")
                .write("crates/ledger-core/Cargo.toml", """
                        [package]
                        name = "ledger-core"
                        version = "0.1.0"

                        [lib]
                        name = "ledger"
                        """)
                .write("crates/ledger-core/src/account.rs", "pub fn balance() -> u64 {\n    0\n}\n")
                .write("crates/ledger-core/tests/it/main.rs", "mod helpers;\n")
                .write("crates/ledger-core/tests/it/helpers.rs", "pub fn fixture() -> u64 {\n    1\n}\n")
                .write("tools/gen/Cargo.toml", "[package]\nname = \"codegen-tool\"\nversion = \"0.1.0\"\n")
                .write("tools/gen/src/main.rs", "fn main() {\n    generate();\n}\n\nfn generate() {}\n")
                .write("svc/go.mod", "module example.com/svc\n\ngo 1.22\n")
                .write("svc/api/handler.go", "package api\n\nfunc Handle() int {\n\treturn 1\n}\n")
                .write("py/src/shop/__init__.py", "")
                .write("py/src/shop/cart.py", "def total(items):\n    return sum(items)\n")
                .commit("Add the workspace");
        // The package is renamed: from here on its units are node_core's.
        repo.write("node/Cargo.toml", "[package]\nname = \"node-core\"\nversion = \"0.2.0\"\n")
                .commit("Rename the node package");
        repo.write("node/src/net/peer.rs", """
                        pub struct Peer {
                            received: usize,
                        }

                        impl Peer {
                            /// Record an incoming message of `bytes` bytes.
                            #[inline]
                            pub fn record(&mut self, bytes: usize) {
                                self.received = self.received.saturating_add(bytes);
                            }

                            #[must_use]
                            pub fn received(&self) -> usize {
                                self.received
                            }
                        }
                        """)
                .commit("Saturate the received count");
        return repo;
    }

    private Map<String, List<ChunkRecord>> chunkAll(List<CommitRecord> commits) {
        Map<String, List<ChunkRecord>> bySubject = new LinkedHashMap<>();
        for (CommitRecord commit : commits) {
            List<ChunkRecord> chunks = new ArrayList<>();
            chunker.chunk(commit, job, chunks::add);
            bySubject.put(commit.subject(), chunks);
        }
        return bySubject;
    }

    private static String names(List<ChunkRecord> chunks, String language) {
        return chunks.stream().filter(c -> language.equals(c.language()))
                .map(c -> c.path() + " " + c.qualifiedName()).sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void crateNamesComeFromCargoAndFollowItsChanges() throws Exception {
        try (FixtureRepo repo = workspace(tmp.resolve("ws"))) {
            List<SnapshotBatch> snapshot = new ArrayList<>();
            Map<String, List<ChunkRecord>> chunks = chunkAll(Scraped.commits(repo, blobs, snapshot));
            assertEquals("""
                    crates/ledger-core/src/account.rs ledger::account::balance
                    crates/ledger-core/tests/it/helpers.rs it::helpers::fixture
                    node/build.rs build_script_build::main
                    node/examples/demo.rs demo::main
                    node/src/admin/cli.rs node_admin::cli::run
                    node/src/admin/main.rs node_admin::main
                    node/src/bin/bench_tool.rs bench_tool::main
                    node/src/lib.rs the_node::start
                    node/src/main.rs the_node::main
                    node/src/net/peer.rs the_node::net::peer::Peer
                    node/src/net/peer.rs the_node::net::peer::Peer::record+received
                    node/src/net/peer.rs the_node::net::peer::impl Peer
                    node/tests/sync_test.rs sync_test::syncs
                    tools/gen/src/main.rs codegen_tool::main+generate""",
                    names(chunks.get("Add the workspace"), "rust"));
            assertEquals("svc/api/handler.go example.com/svc/api.Handle",
                    names(chunks.get("Add the workspace"), "go"));
            assertEquals("py/src/shop/cart.py shop.cart.total", names(chunks.get("Add the workspace"), "python"));
            assertEquals("node/src/net/peer.rs node_core::net::peer::Peer::record",
                    names(chunks.get("Saturate the received count"), "rust"), "the renamed package's name");

            List<ChunkRecord> current = new ArrayList<>();
            snapshot.forEach(b -> chunker.chunkSnapshot(b, job, current::add));
            assertTrue(current.stream().anyMatch(c -> c.qualifiedName().equals("node_core::start")),
                    names(current, "rust"));
            assertTrue(current.stream().noneMatch(c -> c.qualifiedName().startsWith("the_node::")));
        }
    }

    @Test
    void aJobThatStartsMidHistoryTrustsOnlyTheManifestsItHasSeen() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("mid"))) {
            repo.write("Cargo.toml", "[package]\nname = \"tool-suite\"\nversion = \"0.1.0\"\n")
                    .write("src/lib.rs", "pub fn run() -> u8 {\n    1\n}\n")
                    .write("crates/helper/Cargo.toml", "[package]\nname = \"helper-lib\"\nversion = \"0.1.0\"\n")
                    .write("crates/helper/src/lib.rs", "pub fn help() -> u8 {\n    1\n}\n")
                    .commit("Add the suite");
            repo.write("Cargo.toml", "[package]\nname = \"tool-suite\"\nversion = \"0.2.0\"\n")
                    .write("crates/helper/src/lib.rs", "pub fn help() -> u8 {\n    2\n}\n")
                    .commit("Bump and change the helper");
            List<SnapshotBatch> snapshot = new ArrayList<>();
            List<CommitRecord> commits = Scraped.commits(repo, blobs, snapshot);
            // An incremental job: the first commit it sees has a parent it never saw.
            Map<String, List<ChunkRecord>> chunks = chunkAll(commits.subList(1, commits.size()));
            assertEquals("crates/helper/src/lib.rs helper::help", names(chunks.get("Bump and change the helper"),
                    "rust"), "the helper's own manifest is unknown: not named after the root package");
            List<ChunkRecord> current = new ArrayList<>();
            snapshot.forEach(b -> chunker.chunkSnapshot(b, job, current::add));
            assertEquals("crates/helper/src/lib.rs helper_lib::help\nsrc/lib.rs tool_suite::run",
                    names(current, "rust"), "the snapshot reads its own manifests");
        }
    }

    @Test
    void aContainerSummaryKeepsItsMembersSignaturesBehindDocCommentsAndAttributes() throws Exception {
        try (FixtureRepo repo = workspace(tmp.resolve("ws"))) {
            ChunkRecord impl = chunkAll(Scraped.commits(repo, blobs)).get("Add the workspace").stream()
                    .filter(c -> c.kind() == ChunkKind.IMPL).findFirst().orElseThrow();
            assertEquals("""
                    impl Peer {
                        pub fn record(&mut self, bytes: usize) { …

                        pub fn received(&self) -> usize { …
                    }
                    """, impl.newCode());
        }
    }

    @Test
    void oversizedUnitsSplitAtStatementBoundariesAndEveryChunkIsTheFilesOwnLines() throws Exception {
        StringBuilder route = new StringBuilder("pub fn route(command: &Command, state: &mut State) -> Reply {\n"
                + "    match command {\n");
        for (int i = 0; i < 40; i++) {
            route.append("        Command::Op").append(i).append(" { key, value } => {\n")
                    .append("            let entry = state\n")
                    .append("                .entries\n")
                    .append("                .get(key)\n")
                    .append("                .cloned()\n")
                    .append("                .unwrap_or_else(|| Entry::new(key, \"alpha\", ").append(i).append("));\n")
                    .append("            state.apply(entry.clone(), value.clone())\n")
                    .append("        }\n");
        }
        route.append("    }\n}\n");
        String small = "pub fn one() -> u8 {\n    1\n}\n\n\npub fn two() -> u8 {\n    2\n}\n";
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("big"))) {
            repo.write("Cargo.toml", "[package]\nname = \"router\"\nversion = \"0.1.0\"\n")
                    .write("src/route.rs", route.toString()).write("src/small.rs", small).commit("Add the router");
            repo.write("src/route.rs", route.toString().replace("\"alpha\", 7", "\"gamma\", 7"))
                    .write("src/small.rs", small.replace("1\n", "10\n").replace("2\n", "20\n"))
                    .commit("Change one arm and the small functions");
            List<CommitRecord> commits = Scraped.commits(repo, blobs);
            Map<String, List<ChunkRecord>> chunks = chunkAll(commits);

            List<ChunkRecord> parts = chunks.get("Add the router").stream()
                    .filter(c -> c.path().equals("src/route.rs")).toList();
            assertTrue(parts.size() >= 4, parts.stream().map(ChunkRecord::name).toList().toString());
            for (ChunkRecord part : parts.subList(1, parts.size())) {
                assertTrue(part.newCode().startsWith("        Command::Op"), part.name() + ":\n" + part.newCode());
            }
            ChunkRecord merged = chunks.get("Change one arm and the small functions").stream()
                    .filter(c -> c.path().equals("src/small.rs")).findFirst().orElseThrow();
            assertEquals("one, two", merged.name());
            assertEquals(small.replace("1\n", "10\n").replace("2\n", "20\n"), merged.newCode(),
                    "the blank lines between merged units stay");

            for (CommitRecord commit : commits) {
                for (ChunkRecord c : chunks.get(commit.subject())) {
                    if (c.kind() == ChunkKind.IMPL || c.newCode() == null) {
                        continue;
                    }
                    String[] file = fileAt(repo, commit.hash(), c.path()).split("\n", -1);
                    StringBuilder slice = new StringBuilder();
                    for (int line = c.startLine(); line <= c.endLine(); line++) {
                        slice.append(file[line - 1]).append('\n');
                    }
                    assertEquals(slice.toString(), c.newCode(), c.qualifiedName() + " is lines " + c.startLine()
                            + "-" + c.endLine() + " of " + c.path());
                }
            }
        }
    }

    private static String fileAt(FixtureRepo repo, String commit, String path) throws Exception {
        ObjectId blob = repo.blobId(ObjectId.fromString(commit), path);
        return new String(repo.repository().open(blob).getBytes(), StandardCharsets.UTF_8);
    }
}
