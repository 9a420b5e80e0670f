package io.gitlore.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Ready-made repositories shared by the stage tests: a small Rust crate's history with the shapes real histories
 * have (branches, a merge, a rename, tags, a remote-only branch, binary and non-UTF-8 files, a large patch and a
 * message in raw Latin-1).
 */
public final class Fixtures {

    /** Commits in {@link #richHistory}: eight on main/feature (one a merge) and one only on origin/topic. */
    public static final int RICH_COMMITS = 9;

    private Fixtures() {
    }

    public static FixtureRepo richHistory(Path dir) {
        FixtureRepo repo = FixtureRepo.init(dir);
        repo.write("README.md", "# ledger\n\nA tiny ledger crate.\n")
                .write("Cargo.toml", "[package]\nname = \"ledger\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
                .write("src/lib.rs", """
                        pub mod account;

                        pub fn add(a: u64, b: u64) -> u64 {
                            a + b
                        }
                        """)
                .write("src/account.rs", """
                        pub struct Account {
                            pub balance: u64,
                        }

                        impl Account {
                            pub fn deposit(&mut self, amount: u64) {
                                self.balance += amount;
                            }
                        }
                        """)
                .commit("Initial ledger crate");
        repo.write("src/lib.rs", """
                        pub mod account;

                        pub fn add(a: u64, b: u64) -> u64 {
                            a.checked_add(b).expect("overflow")
                        }

                        #[cfg(test)]
                        mod tests {
                            #[test]
                            fn adds() {
                                assert_eq!(super::add(2, 2), 4);
                            }
                        }
                        """)
                .write("assets/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3, 0, 4})
                .commit("Fix overflow in add\n\nUse checked_add so that huge balances panic instead of wrapping.");
        repo.branch("feature").checkout("feature");
        repo.write("src/parser.rs", parser("parse_amount")).commit("Add amount parser");
        repo.move("src/parser.rs", "src/parse.rs").write("src/parse.rs", parser("parse_amount_strict"))
                .commit("Rename parser module to parse");
        repo.checkout("main");
        repo.author("Bob Builder", "bob@example.com")
                .write("docs/latin1.txt", "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1))
                .write("README.md", "# ledger\n\nA tiny ledger crate with accounts.\n")
                .commit("Document the crate");
        repo.branch("topic").checkout("topic");
        repo.write("src/topic.rs", "pub fn topic() {}\n").commit("Topic work kept on the remote only");
        repo.remoteRef("origin/topic").checkout("main").deleteBranch("topic");
        repo.author("Ada Lovelace", "ada@example.com").merge("feature", "Merge branch 'feature'");
        repo.tag("v0.1");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            big.append("line ").append(i).append(" of a generated fixture table\n");
        }
        repo.write("data/table.txt", big.toString()).commit("Add generated table");
        repo.write("src/account.rs", """
                        pub struct Account {
                            pub balance: u64,
                        }

                        impl Account {
                            pub fn deposit(&mut self, amount: u64) {
                                self.balance = self.balance.saturating_add(amount);
                            }
                        }
                        """);
        repo.commitRawMessage("Saturate deposits (caf\u00e9)\n".getBytes(StandardCharsets.ISO_8859_1));
        repo.annotatedTag("v0.2", "Second release");
        return repo;
    }

    private static String parser(String name) {
        return """
                /// Parses an amount in cents.
                pub fn %s(text: &str) -> Option<u64> {
                    let trimmed = text.trim();
                    if trimmed.is_empty() {
                        return None;
                    }
                    trimmed.parse().ok()
                }

                #[test]
                fn parses_plain_numbers() {
                    assert_eq!(%s("42"), Some(42));
                }
                """.formatted(name, name);
    }
}
