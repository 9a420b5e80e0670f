package io.gitlore.contracts;

import java.util.Locale;
import java.util.Map;

/** Maps a repository-relative path to a language name by file name and extension; {@code null} when unknown. */
public final class Languages {

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("cargo.toml", "toml"), Map.entry("cargo.lock", "toml"), Map.entry("dockerfile", "dockerfile"),
            Map.entry("makefile", "make"), Map.entry("gnumakefile", "make"), Map.entry("cmakelists.txt", "cmake"),
            Map.entry("build.gradle", "groovy"), Map.entry("pom.xml", "xml"), Map.entry("go.mod", "go-mod"),
            Map.entry("justfile", "just"));

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("rs", "rust"), Map.entry("java", "java"), Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"),
            Map.entry("scala", "scala"), Map.entry("py", "python"), Map.entry("pyi", "python"), Map.entry("go", "go"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("js", "javascript"),
            Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
            Map.entry("c", "c"), Map.entry("h", "c"), Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"),
            Map.entry("cxx", "cpp"), Map.entry("hpp", "cpp"), Map.entry("hh", "cpp"), Map.entry("cs", "csharp"),
            Map.entry("rb", "ruby"), Map.entry("php", "php"), Map.entry("swift", "swift"), Map.entry("sol", "solidity"),
            Map.entry("move", "move"), Map.entry("proto", "protobuf"), Map.entry("sql", "sql"), Map.entry("sh", "shell"),
            Map.entry("bash", "shell"), Map.entry("zsh", "shell"), Map.entry("ps1", "powershell"),
            Map.entry("md", "markdown"), Map.entry("markdown", "markdown"), Map.entry("rst", "rst"),
            Map.entry("txt", "text"), Map.entry("adoc", "asciidoc"), Map.entry("toml", "toml"),
            Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"), Map.entry("json", "json"), Map.entry("xml", "xml"),
            Map.entry("html", "html"), Map.entry("css", "css"), Map.entry("scss", "css"), Map.entry("ini", "ini"),
            Map.entry("properties", "properties"), Map.entry("gradle", "groovy"), Map.entry("lua", "lua"),
            Map.entry("zig", "zig"), Map.entry("hs", "haskell"), Map.entry("ml", "ocaml"), Map.entry("ex", "elixir"),
            Map.entry("exs", "elixir"), Map.entry("erl", "erlang"), Map.entry("dart", "dart"), Map.entry("r", "r"),
            Map.entry("nix", "nix"), Map.entry("tf", "terraform"), Map.entry("vue", "vue"), Map.entry("svelte", "svelte"));

    private Languages() {
    }

    public static String fromPath(String path) {
        if (path == null) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String byName = BY_NAME.get(name);
        if (byName != null) {
            return byName;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1));
    }
}
