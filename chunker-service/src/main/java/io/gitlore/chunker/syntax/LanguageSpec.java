package io.gitlore.chunker.syntax;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.gitlore.contracts.chunk.ChunkKind;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * What gitlore knows of one tree-sitter grammar: which node types are units (and of what kind), which are containers
 * whose bodies hold further units, which nodes attach to the unit that follows them (attributes, doc comments), a
 * query capturing the decision points that cyclomatic complexity counts, and one capturing the children of statement,
 * item and element lists (where an oversized unit may be split).
 */
public record LanguageSpec(String language, Supplier<TSLanguage> grammar, Map<String, ChunkKind> units,
                           Map<String, String> containerBodies, Set<String> leadingNodes, String decisionQuery,
                           String boundaryQuery) {

    public static final LanguageSpec RUST = new LanguageSpec("rust", TreeSitterRust::new,
            Map.ofEntries(Map.entry("function_item", ChunkKind.FUNCTION),
                    Map.entry("function_signature_item", ChunkKind.FUNCTION),
                    Map.entry("macro_definition", ChunkKind.FUNCTION),
                    Map.entry("struct_item", ChunkKind.TYPE), Map.entry("enum_item", ChunkKind.TYPE),
                    Map.entry("union_item", ChunkKind.TYPE), Map.entry("type_item", ChunkKind.TYPE),
                    Map.entry("trait_item", ChunkKind.TYPE), Map.entry("impl_item", ChunkKind.IMPL),
                    Map.entry("mod_item", ChunkKind.MODULE)),
            Map.of("impl_item", "body", "trait_item", "body", "mod_item", "body"),
            Set.of("attribute_item", "line_comment", "block_comment"),
            """
            (if_expression) @d
            (match_arm) @d
            (while_expression) @d
            (for_expression) @d
            (loop_expression) @d
            (try_expression) @d
            (binary_expression operator: "&&") @d
            (binary_expression operator: "||") @d
            """, """
            (source_file (_) @s)
            (block (_) @s)
            (declaration_list (_) @s)
            (match_block (_) @s)
            (field_declaration_list (_) @s)
            (enum_variant_list (_) @s)
            (field_initializer_list (_) @s)
            (arguments (_) @s)
            (array_expression (_) @s)
            (macro_definition (_) @s)
            (macro_rule (token_tree (_) @s))
            """);

    public static final LanguageSpec JAVA = new LanguageSpec("java", TreeSitterJava::new,
            Map.ofEntries(Map.entry("method_declaration", ChunkKind.METHOD),
                    Map.entry("constructor_declaration", ChunkKind.METHOD),
                    Map.entry("compact_constructor_declaration", ChunkKind.METHOD),
                    Map.entry("class_declaration", ChunkKind.TYPE), Map.entry("interface_declaration", ChunkKind.TYPE),
                    Map.entry("enum_declaration", ChunkKind.TYPE), Map.entry("record_declaration", ChunkKind.TYPE),
                    Map.entry("annotation_type_declaration", ChunkKind.TYPE)),
            Map.of("class_declaration", "body", "interface_declaration", "body", "enum_declaration", "body",
                    "record_declaration", "body", "annotation_type_declaration", "body"),
            Set.of("line_comment", "block_comment"),
            """
            (if_statement) @d
            (for_statement) @d
            (enhanced_for_statement) @d
            (while_statement) @d
            (do_statement) @d
            (catch_clause) @d
            (switch_label) @d
            (ternary_expression) @d
            (binary_expression operator: "&&") @d
            (binary_expression operator: "||") @d
            """, """
            (program (_) @s)
            (block (_) @s)
            (class_body (_) @s)
            (interface_body (_) @s)
            (enum_body (_) @s)
            (constructor_body (_) @s)
            (switch_block (_) @s)
            (switch_block_statement_group (_) @s)
            (argument_list (_) @s)
            (array_initializer (_) @s)
            """);

    public static final LanguageSpec PYTHON = new LanguageSpec("python", TreeSitterPython::new,
            Map.of("function_definition", ChunkKind.FUNCTION, "class_definition", ChunkKind.TYPE),
            Map.of("class_definition", "body"),
            Set.of("comment"),
            """
            (if_statement) @d
            (elif_clause) @d
            (for_statement) @d
            (while_statement) @d
            (except_clause) @d
            (conditional_expression) @d
            (boolean_operator) @d
            (if_clause) @d
            """, """
            (module (_) @s)
            (block (_) @s)
            (argument_list (_) @s)
            (list (_) @s)
            (dictionary (_) @s)
            """);

    public static final LanguageSpec GO = new LanguageSpec("go", TreeSitterGo::new,
            Map.of("function_declaration", ChunkKind.FUNCTION, "method_declaration", ChunkKind.METHOD,
                    "type_declaration", ChunkKind.TYPE),
            Map.of(),
            Set.of("comment"),
            """
            (if_statement) @d
            (for_statement) @d
            (expression_case) @d
            (type_case) @d
            (communication_case) @d
            (binary_expression operator: "&&") @d
            (binary_expression operator: "||") @d
            """, """
            (source_file (_) @s)
            (block (_) @s)
            (statement_list (_) @s)
            (expression_case (_) @s)
            (type_case (_) @s)
            (literal_value (_) @s)
            (argument_list (_) @s)
            """);

    private static final String JS_DECISIONS = """
            (if_statement) @d
            (for_statement) @d
            (for_in_statement) @d
            (while_statement) @d
            (do_statement) @d
            (switch_case) @d
            (catch_clause) @d
            (ternary_expression) @d
            (binary_expression operator: "&&") @d
            (binary_expression operator: "||") @d
            (binary_expression operator: "??") @d
            """;

    private static final String JS_BOUNDARIES = """
            (program (_) @s)
            (statement_block (_) @s)
            (class_body (_) @s)
            (switch_body (_) @s)
            (switch_case (_) @s)
            (arguments (_) @s)
            (array (_) @s)
            (object (_) @s)
            """;

    private static final Map<String, ChunkKind> JS_UNITS = Map.of("function_declaration", ChunkKind.FUNCTION,
            "generator_function_declaration", ChunkKind.FUNCTION, "class_declaration", ChunkKind.TYPE,
            "method_definition", ChunkKind.METHOD, "interface_declaration", ChunkKind.TYPE,
            "type_alias_declaration", ChunkKind.TYPE, "enum_declaration", ChunkKind.TYPE,
            "abstract_class_declaration", ChunkKind.TYPE);

    public static final LanguageSpec TYPESCRIPT = new LanguageSpec("typescript", TreeSitterTypescript::new,
            JS_UNITS, Map.of("class_declaration", "body", "abstract_class_declaration", "body"),
            Set.of("comment", "decorator"), JS_DECISIONS, JS_BOUNDARIES);

    public static final LanguageSpec JAVASCRIPT = new LanguageSpec("javascript", TreeSitterJavascript::new,
            JS_UNITS, Map.of("class_declaration", "body"), Set.of("comment"), JS_DECISIONS, JS_BOUNDARIES);

    private static final String C_DECISIONS = """
            (if_statement) @d
            (for_statement) @d
            (while_statement) @d
            (do_statement) @d
            (case_statement) @d
            (conditional_expression) @d
            (binary_expression operator: "&&") @d
            (binary_expression operator: "||") @d
            """;

    private static final String C_BOUNDARIES = """
            (translation_unit (_) @s)
            (compound_statement (_) @s)
            (field_declaration_list (_) @s)
            (initializer_list (_) @s)
            (argument_list (_) @s)
            (case_statement (_) @s)
            """;

    public static final LanguageSpec C = new LanguageSpec("c", TreeSitterC::new,
            Map.of("function_definition", ChunkKind.FUNCTION, "struct_specifier", ChunkKind.TYPE,
                    "enum_specifier", ChunkKind.TYPE, "union_specifier", ChunkKind.TYPE),
            Map.of(), Set.of("comment"), C_DECISIONS, C_BOUNDARIES);

    public static final LanguageSpec CPP = new LanguageSpec("cpp", TreeSitterCpp::new,
            Map.of("function_definition", ChunkKind.FUNCTION, "struct_specifier", ChunkKind.TYPE,
                    "class_specifier", ChunkKind.TYPE, "enum_specifier", ChunkKind.TYPE,
                    "namespace_definition", ChunkKind.MODULE),
            Map.of("namespace_definition", "body", "class_specifier", "body", "struct_specifier", "body"),
            Set.of("comment"), C_DECISIONS + "(catch_clause) @d\n",
            C_BOUNDARIES + "(declaration_list (_) @s)\n");

    private static final Map<String, LanguageSpec> BY_LANGUAGE = Map.of("rust", RUST, "java", JAVA, "python", PYTHON,
            "go", GO, "typescript", TYPESCRIPT, "javascript", JAVASCRIPT, "c", C, "cpp", CPP);

    /** The spec for a language name from {@link io.gitlore.contracts.Languages}, or {@code null}. */
    public static LanguageSpec of(String language) {
        return language == null ? null : BY_LANGUAGE.get(language);
    }

    public static java.util.Collection<LanguageSpec> all() {
        return BY_LANGUAGE.values();
    }
}
