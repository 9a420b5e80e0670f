package io.gitlore.chunker.syntax;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.treesitter.TSNode;
import org.treesitter.TSPoint;

/**
 * The per-language rules over tree-sitter nodes: which node behind a wrapper (decorator, export, C declaration) is
 * the unit, what it is named, whether it is a test, its unit type, and the module or package that prefixes the
 * qualified names of a file's units.
 */
final class LanguageRules {

    private static final Pattern RUST_TEST_ATTRIBUTE = Pattern.compile(
            "#\\[\\s*(?:[\\w:]+::)?test\\b|#\\[\\s*rstest\\b");
    private static final Pattern JAVA_TEST_ANNOTATION = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    private static final Pattern GO_TEST_NAME = Pattern.compile("^(?:Test|Benchmark|Fuzz)(?:[A-Z_0-9].*)?$");
    private static final Pattern GO_RECEIVER = Pattern.compile("\\(\\s*(?:\\w+\\s+)?\\*?\\s*([A-Za-z_]\\w*)");
    private static final Pattern GENERICS = Pattern.compile("<.*>");
    /** A Maven/Gradle source root, for a Java file without a package declaration. */
    private static final Pattern JAVA_SOURCE_ROOT = Pattern.compile("(?:^|/)src/(?:main|test)/java/(.+)/[^/]+$");

    private LanguageRules() {
    }

    /** Looks through wrappers to the node that is the unit: decorators, exports, C declarations. */
    static TSNode unwrap(LanguageSpec spec, TSNode child) {
        String type = Nodes.type(child);
        if ("decorated_definition".equals(type)) {
            return child.getChildByFieldName("definition");
        }
        if ("export_statement".equals(type)) {
            TSNode declaration = child.getChildByFieldName("declaration");
            return Nodes.isNull(declaration) ? child : declaration;
        }
        if ((spec == LanguageSpec.C || spec == LanguageSpec.CPP)
                && ("declaration".equals(type) || "type_definition".equals(type))) {
            TSNode typeNode = child.getChildByFieldName("type");
            if (!Nodes.isNull(typeNode) && spec.units().containsKey(Nodes.type(typeNode))) {
                return typeNode;
            }
        }
        if (spec == LanguageSpec.CPP && "template_declaration".equals(type)) {
            for (int i = 0; i < child.getNamedChildCount(); i++) {
                TSNode inner = child.getNamedChild(i);
                if (spec.units().containsKey(Nodes.type(inner))) {
                    return inner;
                }
            }
        }
        return child;
    }

    static boolean skip(LanguageSpec spec, TSNode node) {
        // C/C++ specifiers only count with a body (a definition), not as a mention in a declaration.
        if ((spec == LanguageSpec.C || spec == LanguageSpec.CPP) && Nodes.type(node).endsWith("_specifier")) {
            TSNode body = node.getChildByFieldName("body");
            return Nodes.isNull(body);
        }
        return false;
    }

    /** JS/TS: {@code const f = () => ...} is a function; {@code it("does x", ...)} and friends are tests. */
    static String jsFunctionOrTest(LanguageSpec spec, TSNode node, byte[] utf8) {
        if (spec != LanguageSpec.JAVASCRIPT && spec != LanguageSpec.TYPESCRIPT) {
            return null;
        }
        String type = Nodes.type(node);
        if ("lexical_declaration".equals(type) || "variable_declaration".equals(type)) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                TSNode declarator = node.getNamedChild(i);
                TSNode value = declarator.getChildByFieldName("value");
                if (!Nodes.isNull(value) && (Nodes.type(value).equals("arrow_function")
                        || Nodes.type(value).equals("function_expression") || Nodes.type(value).equals("function"))) {
                    return text(declarator.getChildByFieldName("name"), utf8);
                }
            }
        }
        if ("expression_statement".equals(type) && node.getNamedChildCount() > 0) {
            TSNode call = node.getNamedChild(0);
            if ("call_expression".equals(Nodes.type(call))) {
                String callee = text(call.getChildByFieldName("function"), utf8);
                if (callee.matches("(?:it|test|describe)(?:\\.\\w+)?")) {
                    TSNode args = call.getChildByFieldName("arguments");
                    String title = !Nodes.isNull(args) && args.getNamedChildCount() > 0
                            ? text(args.getNamedChild(0), utf8).replaceAll("^['\"`]|['\"`]$", "") : callee;
                    return "test:" + title;
                }
            }
        }
        return null;
    }

    static boolean isTest(LanguageSpec spec, TSNode node, String name, String attributes, String prefix,
                                  byte[] utf8, TSNode wrapper) {
        if (spec == LanguageSpec.RUST) {
            return RUST_TEST_ATTRIBUTE.matcher(attributes).find();
        }
        if (spec == LanguageSpec.JAVA) {
            TSNode modifiers = firstChildOfType(node, "modifiers");
            return modifiers != null && JAVA_TEST_ANNOTATION.matcher(text(modifiers, utf8)).find();
        }
        if (spec == LanguageSpec.PYTHON) {
            String lastScope = prefix.substring(prefix.lastIndexOf('.') + 1);
            return name.startsWith("test_") || name.equals("test") || lastScope.startsWith("Test")
                    && name.startsWith("test");
        }
        if (spec == LanguageSpec.GO) {
            return GO_TEST_NAME.matcher(name).matches();
        }
        if (spec == LanguageSpec.C || spec == LanguageSpec.CPP) {
            return name.startsWith("test_");
        }
        return false;
    }

    private static TSNode firstChildOfType(TSNode node, String type) {
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            TSNode child = node.getNamedChild(i);
            if (type.equals(Nodes.type(child))) {
                return child;
            }
        }
        return null;
    }

    static String nameOf(LanguageSpec spec, TSNode node, byte[] utf8) {
        String type = Nodes.type(node);
        if (spec == LanguageSpec.RUST && "impl_item".equals(type)) {
            TSNode trait = node.getChildByFieldName("trait");
            String target = text(node.getChildByFieldName("type"), utf8);
            return "impl " + (Nodes.isNull(trait) ? "" : text(trait, utf8) + " for ") + target;
        }
        if (spec == LanguageSpec.GO && "method_declaration".equals(type)) {
            Matcher m = GO_RECEIVER.matcher(text(node.getChildByFieldName("receiver"), utf8));
            String receiver = m.find() ? m.group(1) + "." : "";
            return receiver + text(node.getChildByFieldName("name"), utf8);
        }
        if (spec == LanguageSpec.GO && "type_declaration".equals(type)) {
            TSNode specNode = firstChildOfType(node, "type_spec");
            if (specNode == null) {
                specNode = firstChildOfType(node, "type_alias");
            }
            return specNode == null ? "type@" + line(node.getStartPoint())
                    : text(specNode.getChildByFieldName("name"), utf8);
        }
        if ((spec == LanguageSpec.C || spec == LanguageSpec.CPP) && "function_definition".equals(type)) {
            TSNode declarator = node.getChildByFieldName("declarator");
            while (!Nodes.isNull(declarator) && !Nodes.isNull(declarator.getChildByFieldName("declarator"))) {
                declarator = declarator.getChildByFieldName("declarator");
            }
            return Nodes.isNull(declarator) ? "function@" + line(node.getStartPoint())
                    : text(declarator, utf8);
        }
        TSNode name = node.getChildByFieldName("name");
        if (Nodes.isNull(name)) {
            return type + "@" + line(node.getStartPoint());
        }
        return text(name, utf8);
    }

    static String implType(TSNode impl, byte[] utf8) {
        return GENERICS.matcher(text(impl.getChildByFieldName("type"), utf8)).replaceAll("").trim();
    }

    static String unitType(String nodeType) {
        return nodeType.replace("_item", "").replace("_declaration", "").replace("_definition", "")
                .replace("_specifier", "");
    }

    /**
     * The module (Rust), package (Java, Go), or file module (Python, JS/TS) that prefixes qualified names. A
     * {@code module} the project's manifests declare (Cargo crate and module path, Go import path, Python package)
     * wins over what the path implies; Java's package declaration wins over its source root.
     */
    static String modulePrefix(LanguageSpec spec, String path, String module, TSNode root, byte[] utf8) {
        if (spec == LanguageSpec.RUST) {
            return module != null ? module : RustModules.modulePath(path);
        }
        if (spec == LanguageSpec.JAVA || spec == LanguageSpec.GO) {
            String clause = spec == LanguageSpec.JAVA ? "package_declaration" : "package_clause";
            TSNode pkg = firstChildOfType(root, clause);
            String declared = pkg == null ? null
                    : text(pkg, utf8).replaceFirst("^package\\s+", "").replace(";", "").trim();
            if (spec == LanguageSpec.GO && module != null) {
                // An external test package (`package x_test`) sits beside the package it tests.
                return declared != null && declared.endsWith("_test") ? module + "_test" : module;
            }
            if (declared == null && spec == LanguageSpec.JAVA) {
                Matcher m = JAVA_SOURCE_ROOT.matcher(path);
                return m.find() ? m.group(1).replace('/', '.') : "";
            }
            return declared == null ? "" : declared;
        }
        if (module != null) {
            return module;
        }
        if (spec == LanguageSpec.PYTHON || spec == LanguageSpec.JAVASCRIPT || spec == LanguageSpec.TYPESCRIPT) {
            String stem = path.replaceFirst("\\.[^./]+$", "").replaceFirst("(^|/)__init__$", "");
            return spec == LanguageSpec.PYTHON ? stem.replace('/', '.') : stem;
        }
        return "";
    }

    private static String text(TSNode node, byte[] utf8) {
        if (Nodes.isNull(node)) {
            return "";
        }
        return slice(utf8, Nodes.startByte(node), Nodes.endByte(node));
    }

    static String slice(byte[] utf8, int from, int to) {
        int start = Math.max(0, from);
        int end = Math.min(utf8.length, to);
        return new String(utf8, start, Math.max(0, end - start), StandardCharsets.UTF_8);
    }

    private static int line(TSPoint point) {
        return point.getRow() + 1;
    }
}
