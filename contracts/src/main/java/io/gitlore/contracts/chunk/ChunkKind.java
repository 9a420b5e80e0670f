package io.gitlore.contracts.chunk;

/** What syntactic or textual unit a chunk is. */
public enum ChunkKind {
    /** A free function, macro or closure bound to a name. */
    FUNCTION,
    /** A function inside an impl, class or trait. */
    METHOD,
    /** A struct, enum, union, trait, class, interface, record or type alias. */
    TYPE,
    /** A Rust impl block (its header and non-method items). */
    IMPL,
    /** A module or namespace body, or a file's top-level items outside other units. */
    MODULE,
    /** A test function (Rust #[test], JUnit @Test, test_ functions, Go TestXxx, it()/test() blocks). */
    TEST,
    /** A section of a configuration file (TOML table, YAML/JSON top-level key). */
    CONFIG,
    /** A section of documentation (a Markdown heading and its text). */
    DOC,
    /** A window of lines of any other text file, or of code that does not parse. */
    TEXT
}
