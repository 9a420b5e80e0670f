package io.gitlore.chunker.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyntaxParserTest {

    static final String RUST = """
            //! Accounts of the ledger.
            use std::collections::HashMap;

            /// A balance holder.
            #[derive(Debug, Clone)]
            pub struct Account {
                pub balance: u64,
            }

            pub enum Kind {
                Checking,
                Savings,
            }

            impl Account {
                /// Adds money.
                pub fn deposit(&mut self, amount: u64) {
                    if amount == 0 {
                        return;
                    }
                    self.balance += amount;
                }

                pub fn withdraw(&mut self, amount: u64) -> Result<(), String> {
                    match self.balance.checked_sub(amount) {
                        Some(rest) => { self.balance = rest; Ok(()) }
                        None => Err("insufficient".into()),
                    }
                }
            }

            impl std::fmt::Display for Account {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    write!(f, "{}", self.balance)
                }
            }

            pub trait Ledger {
                fn total(&self) -> u64;
            }

            macro_rules! account {
                ($b:expr) => { Account { balance: $b } };
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #[test]
                fn deposit_adds() {
                    let mut a = Account { balance: 1 };
                    a.deposit(2);
                    assert_eq!(a.balance, 3);
                }

                fn helper() -> u64 { 1 }
            }
            """;

    static final String JAVA = """
            package com.example.bank;

            import java.util.List;

            /** A bank. */
            public class Bank {
                private final List<String> names;

                public Bank(List<String> names) {
                    this.names = names;
                }

                public int count(boolean all) {
                    if (all && !names.isEmpty()) {
                        return names.size();
                    }
                    return names.isEmpty() ? 0 : 1;
                }

                @Test
                void countsAll() {
                    assertEquals(1, new Bank(List.of("a")).count(true));
                }

                static class Vault {
                    void open() {}
                }
            }
            """;

    static final String PYTHON = """
            import os


            class Store:
                \"\"\"A store.\"\"\"

                def get(self, key):
                    if key in self.data:
                        return self.data[key]
                    return None


            @cache
            def load(path):
                for line in open(path):
                    yield line


            def test_load():
                assert list(load("x")) == []
            """;

    private final SyntaxParser parser = new SyntaxParser(16);

    @AfterEach
    void close() {
        parser.close();
    }

    private String describe(LanguageSpec spec, String text, List<Unit> units) {
        return units.stream().map(u -> u.kind() + " " + u.qualifiedName() + " " + u.startLine() + "-" + u.endLine()
                + " cc=" + parser.complexity(spec, "blob", text, u)).collect(Collectors.joining("\n"));
    }

    @Test
    void rustUnitsWithModulePathsTestsAndComplexity() {
        ParsedFile parsed = parser.parse(LanguageSpec.RUST, "crates/ledger-core/src/account.rs", "blob", RUST, null,
                null, null);
        assertEquals("""
                TYPE ledger_core::account::Account 4-8 cc=1
                TYPE ledger_core::account::Kind 10-13 cc=1
                METHOD ledger_core::account::Account::deposit 16-22 cc=2
                METHOD ledger_core::account::Account::withdraw 24-29 cc=3
                IMPL ledger_core::account::impl Account 15-30 cc=4
                METHOD ledger_core::account::Account::fmt 33-35 cc=1
                IMPL ledger_core::account::impl std::fmt::Display for Account 32-36 cc=1
                METHOD ledger_core::account::Ledger::total 39-39 cc=1
                TYPE ledger_core::account::Ledger 38-40 cc=1
                FUNCTION ledger_core::account::account 42-44 cc=1
                TEST ledger_core::account::tests::deposit_adds 50-55 cc=1
                FUNCTION ledger_core::account::tests::helper 57-57 cc=1
                MODULE ledger_core::account::tests 46-58 cc=1""", describe(LanguageSpec.RUST, RUST, parsed.units()));
        assertTrue(parsed.errorRanges().isEmpty());
    }

    @Test
    void javaUnitsWithPackageNestingAndJUnitTests() {
        ParsedFile parsed = parser.parse(LanguageSpec.JAVA, "src/main/java/com/example/bank/Bank.java", "blob", JAVA,
                null, null, null);
        assertEquals("""
                METHOD com.example.bank.Bank.Bank 9-11 cc=1
                METHOD com.example.bank.Bank.count 13-18 cc=4
                TEST com.example.bank.Bank.countsAll 20-23 cc=1
                METHOD com.example.bank.Bank.Vault.open 26-26 cc=1
                TYPE com.example.bank.Bank.Vault 25-27 cc=1
                TYPE com.example.bank.Bank 5-28 cc=4""", describe(LanguageSpec.JAVA, JAVA, parsed.units()));
    }

    @Test
    void pythonUnitsWithDecoratorsAndTests() {
        ParsedFile parsed = parser.parse(LanguageSpec.PYTHON, "shop/store.py", "blob", PYTHON, null, null, null);
        assertEquals("""
                METHOD shop.store.Store.get 7-10 cc=2
                TYPE shop.store.Store 4-10 cc=2
                FUNCTION shop.store.load 13-16 cc=2
                TEST shop.store.test_load 19-20 cc=1""", describe(LanguageSpec.PYTHON, PYTHON, parsed.units()));
    }

    @Test
    void goTypeScriptAndCUnits() {
        String go = """
                package ledger

                type Account struct {
                	Balance int
                }

                func (a *Account) Deposit(n int) {
                	if n > 0 && a != nil {
                		a.Balance += n
                	}
                }

                func TestDeposit(t *testing.T) {
                	a := &Account{}
                	a.Deposit(1)
                }
                """;
        assertEquals("""
                TYPE ledger.Account 3-5 cc=1
                METHOD ledger.Account.Deposit 7-11 cc=3
                TEST ledger.TestDeposit 13-16 cc=1""", describe(LanguageSpec.GO, go,
                parser.parse(LanguageSpec.GO, "ledger/account_test.go", "blob", go, null, null, null).units()));

        String ts = """
                export class Store {
                  get(key: string): string | undefined {
                    return this.data[key] ?? undefined;
                  }
                }

                export const load = (path: string) => readFile(path);

                it("loads nothing", () => {
                  expect(load("x")).toBe("");
                });
                """;
        assertEquals("""
                METHOD src/store.Store.get 2-4 cc=2
                TYPE src/store.Store 1-5 cc=2
                FUNCTION src/store.load 7-7 cc=1
                TEST src/store.loads nothing 9-11 cc=1""", describe(LanguageSpec.TYPESCRIPT, ts,
                parser.parse(LanguageSpec.TYPESCRIPT, "src/store.ts", "blob", ts, null, null, null).units()));

        String c = """
                struct point {
                    int x;
                    int y;
                };

                int manhattan(struct point a, struct point b) {
                    return abs(a.x - b.x) + (a.y > b.y ? a.y - b.y : b.y - a.y);
                }
                """;
        assertEquals("""
                TYPE point 1-4 cc=1
                FUNCTION manhattan 6-8 cc=2""", describe(LanguageSpec.C, c,
                parser.parse(LanguageSpec.C, "src/point.c", "blob", c, null, null, null).units()));
    }

    @Test
    void everyGrammarLoadsAndItsQueriesCompile() {
        for (LanguageSpec spec : LanguageSpec.all()) {
            ParsedFile parsed = parser.parse(spec, "x", null, "", null, null, null);
            assertTrue(parsed.units().isEmpty(), spec.language());
            Unit empty = new Unit(io.gitlore.contracts.chunk.ChunkKind.FUNCTION, "f", "f", "f", "f", 1, 1, 1, 0, 0,
                    List.of(), false);
            assertEquals(1, parser.complexity(spec, null, "", empty), "the decision query compiles");
            assertTrue(parser.boundaries(spec, null, "", empty).isEmpty(), "the boundary query compiles");
        }
    }
}
