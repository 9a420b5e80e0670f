package io.gitlore.chunker.syntax;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.chunker.cache.Fnv;
import io.gitlore.chunker.cache.Lru;
import io.gitlore.contracts.chunk.ChunkKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.treesitter.TSInputEdit;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSReader;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * Parses source files with tree-sitter and returns their {@link Unit}s. Keeps recent trees by blob id so that the
 * next version of a file is re-parsed incrementally (copy, edit, reparse) rather than from scratch, and so that
 * complexity can be counted later for just the units that change.
 * Not thread-safe: one instance per thread; close it to free the native parsers, queries and trees.
 */
public final class SyntaxParser implements AutoCloseable {

    private static final Pattern RUST_TEST_ATTRIBUTE = Pattern.compile("#\\[\\s*(?:[\\w:]+::)?test\\b|#\\[\\s*rstest\\b");
    private static final Pattern JAVA_TEST_ANNOTATION = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    private static final Pattern GO_TEST_NAME = Pattern.compile("^(?:Test|Benchmark|Fuzz)(?:[A-Z_0-9].*)?$");
    private static final Pattern GO_RECEIVER = Pattern.compile("\\(\\s*(?:\\w+\\s+)?\\*?\\s*([A-Za-z_]\\w*)");
    private static final Pattern GENERICS = Pattern.compile("<.*>");

    /** A version's tree, and its line start offsets for editing a copy of it into the next version's tree. */
    private record Cached(String blobId, TSTree tree, int[] lineOffsets) {
    }

    // Keyed by identity: the specs are constants, and a record hashes all its maps.
    private final Map<LanguageSpec, TSParser> parsers = new IdentityHashMap<>();
    private final Map<LanguageSpec, TSQuery> decisionQueries = new IdentityHashMap<>();
    private final Map<LanguageSpec, TSLanguage> languages = new IdentityHashMap<>();
    private final Map<String, Cached> trees;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final Map<ChildKey, Child> children = new Lru<>(32_768);
    private final byte[] readBuffer = new byte[16_384];
    private final ParseMeters meters;

    /** A parser whose meters go to a registry of its own (tests, tools). */
    public SyntaxParser(int cachedTrees) {
        this(cachedTrees, new SimpleMeterRegistry());
    }

    public SyntaxParser(int cachedTrees, MeterRegistry registry) {
        this.trees = new Lru<>(cachedTrees, cached -> cached.tree().close());
        this.meters = new ParseMeters(registry);
    }

    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Parses one version of a file and caches its tree under its blob id.
     *
     * @param previousBlobId the blob this version was derived from (the old side of the change), or {@code null}
     * @param edits          the line edits from that blob to this one; when the previous version's tree is cached,
     *                       a copy of it is edited and re-parsed incrementally instead of parsing from scratch
     */
    public ParsedFile parse(LanguageSpec spec, String path, String blobId, String text, String previousBlobId,
                            List<LineEdit> edits, String previousText) {
        TSParser parser = parser(spec);
        Cached previous = previousBlobId == null ? null : trees.get(previousBlobId);
        TSTree tree;
        long t0 = cpuNanos();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] offsets = lineOffsets(utf8);
        if (previous != null && edits != null && previousText != null) {
            TSTree base = previous.tree().copy();
            int[] previousOffsets = previous.lineOffsets() != null ? previous.lineOffsets()
                    : lineOffsets(previousText.getBytes(StandardCharsets.UTF_8));
            applyEdits(base, edits, previousOffsets, offsets);
            tree = parse(parser, base, utf8);
            base.close();
            meters.incrementalParse(cpuNanos() - t0);
        } else {
            tree = parse(parser, null, utf8);
            meters.fullParse(previousBlobId != null, cpuNanos() - t0);
        }
        long t1 = cpuNanos();
        ParsedFile parsed = extract(spec, path, tree.getRootNode(), utf8);
        meters.extraction(cpuNanos() - t1);
        if (blobId != null) {
            Cached old = trees.put(blobId, new Cached(blobId, tree, offsets));
            if (old != null) {
                old.tree().close();
            }
        } else {
            tree.close();
        }
        return parsed;
    }

    /**
     * A unit's cyclomatic complexity: 1 + the decision points inside it, counted by the language's query over the
     * unit's byte range only. Computed on demand for the units that become chunks, which is most of the saving
     * over querying whole trees; re-parses the version if its tree has left the cache.
     */
    public int complexity(LanguageSpec spec, String blobId, String text, Unit unit) {
        Cached cached = blobId == null ? null : trees.get(blobId);
        if (cached == null && blobId != null) {
            cached = new Cached(blobId, parse(parser(spec), null, text.getBytes(StandardCharsets.UTF_8)), null);
            meters.complexityParse();
            trees.put(blobId, cached);
        }
        TSTree tree = cached != null ? cached.tree()
                : parse(parser(spec), null, text.getBytes(StandardCharsets.UTF_8));
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            TSQuery query = decisionQueries.computeIfAbsent(spec, s -> new TSQuery(language(s), s.decisionQuery()));
            cursor.setByteRange(unit.startByte(), unit.endByte());
            cursor.exec(query, tree.getRootNode());
            TSQueryMatch match = new TSQueryMatch();
            int count = 0;
            while (cursor.nextMatch(match)) {
                for (var capture : match.getCaptures()) {
                    int at = Nodes.startByte(capture.getNode());
                    if (at >= unit.startByte() && at < unit.endByte()) {
                        count++;
                    }
                }
            }
            return 1 + count;
        } finally {
            if (cached == null) {
                tree.close();
            }
        }
    }

    /**
     * Parses UTF-8 bytes through a reader that copies them into the parser's buffer on demand. The binding's
     * {@code parseString} converts the whole Java string on every call, which cost more than the incremental
     * re-parse itself (2.4 ms against 0.5 ms for an unchanged 136 KB file); a reader is asked only for the regions
     * the parser actually reads. (The binding's {@code parse} with a null reader crashes the JVM: never pass one.)
     */
    private TSTree parse(TSParser parser, TSTree old, byte[] utf8) {
        TSReader reader = (buffer, offset, position) -> {
            if (offset >= utf8.length) {
                return 0;
            }
            int n = Math.min(buffer.length, utf8.length - offset);
            System.arraycopy(utf8, offset, buffer, 0, n);
            return n;
        };
        return parser.parse(readBuffer, old, reader, TSInputEncoding.TSInputEncodingUTF8);
    }

    private TSParser parser(LanguageSpec spec) {
        return parsers.computeIfAbsent(spec, s -> {
            TSParser p = new TSParser();
            p.setLanguage(language(s));
            return p;
        });
    }

    private TSLanguage language(LanguageSpec spec) {
        return languages.computeIfAbsent(spec, s -> s.grammar().get());
    }

    private static void applyEdits(TSTree tree, List<LineEdit> edits, int[] oldLines, int[] newLines) {
        for (LineEdit e : edits) {
            // Edits apply top to bottom: text before edit i is already the new text, text after it still the old.
            int start = offset(newLines, e.newStart());
            int oldLength = offset(oldLines, e.oldStart() + e.oldCount()) - offset(oldLines, e.oldStart());
            int newEnd = offset(newLines, e.newStart() + e.newCount());
            int row = e.newStart() - 1;
            tree.edit(new TSInputEdit(start, start + oldLength, newEnd, new TSPoint(row, 0),
                    new TSPoint(row + e.oldCount(), 0), new TSPoint(row + e.newCount(), 0)));
        }
    }

    /** Byte offset of each line start; the last entry is the length. */
    static int[] lineOffsets(byte[] text) {
        int[] offsets = new int[16];
        int n = 0;
        offsets[n++] = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && i + 1 <= text.length) {
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, n * 2);
                }
                offsets[n++] = i + 1;
            }
        }
        if (offsets[n - 1] != text.length) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n + 1);
            }
            offsets[n++] = text.length;
        }
        return Arrays.copyOf(offsets, n);
    }

    private static int offset(int[] lines, int line1) {
        int index = Math.max(0, line1 - 1);
        return index < lines.length ? lines[index] : lines[lines.length - 1];
    }

    // ---- unit extraction -------------------------------------------------------------------------------------

    private ParsedFile extract(LanguageSpec spec, String path, TSNode root, byte[] utf8) {
        List<Unit> units = new ArrayList<>();
        List<int[]> errors = new ArrayList<>();
        String prefix = modulePrefix(spec, path, root, utf8);
        walk(spec, root, prefix, "", utf8, units, null, errors, false);
        return new ParsedFile(units, errors);
    }

    /**
     * Walks one body's children (a file's top level, or a container's body) and appends the units it holds. Each child
     * is looked up first in the memo of children already seen with the same bytes in the same context; only children
     * not seen before are described and expanded node by node. Unchanged functions of a file's next version, and the
     * same code on other branches, cost three native calls instead of dozens.
     */
    private void walk(LanguageSpec spec, TSNode body, String prefix, String localPrefix, byte[] utf8, List<Unit> out,
                      List<int[]> members, List<int[]> errors, boolean inType) {
        int leadingByte = -1;
        int leadingLine = -1;
        StringBuilder leadingText = new StringBuilder();
        Map<String, Integer> seen = new HashMap<>();
        try (TSTreeCursor cursor = new TSTreeCursor(body)) {
            for (boolean more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
                TSNode child = cursor.currentNode();
                String type = Nodes.type(child);
                if ("ERROR".equals(type)) {
                    if (errors != null) {
                        errors.add(new int[] {Nodes.startRow(child) + 1, endLine(child)});
                    }
                    leadingByte = -1;
                    continue;
                }
                if (!isIdentifierLike(type)) {
                    continue; // punctuation: an anonymous node, not a child that breaks a run of attributes
                }
                int childStart = Nodes.startByte(child);
                int childEnd = Nodes.endByte(child);
                int childLine = Nodes.startRow(child) + 1;
                if (spec.leadingNodes().contains(type)) {
                    if (leadingByte < 0) {
                        leadingByte = childStart;
                        leadingLine = childLine;
                        leadingText.setLength(0);
                    }
                    leadingText.append(slice(utf8, childStart, childEnd)).append('\n');
                    continue;
                }
                String attributes = leadingByte >= 0 ? leadingText.toString() : "";
                boolean led = leadingByte >= 0;
                ChildKey key = new ChildKey(spec.language(), prefix, localPrefix, inType, type, attributes,
                        led ? childStart - leadingByte : -1, led ? childLine - leadingLine : -1,
                        childEnd - childStart, Fnv.hash64(utf8, childStart, childEnd));
                Child described = children.get(key);
                if (described == null) {
                    described = describe(spec, child, attributes, prefix, inType, utf8);
                    children.put(key, described);
                }
                if (described.anonymous()) {
                    continue;
                }
                if (described.name() == null) {
                    leadingByte = -1;
                    continue;
                }
                String separator = spec == LanguageSpec.RUST || spec == LanguageSpec.CPP ? "::" : ".";
                String qualified = prefix.isEmpty() ? described.name() : prefix + separator + described.name();
                int occurrence = seen.merge(qualified, 1, Integer::sum);
                List<Unit> relative = described.byOccurrence().get(occurrence);
                int startByte = leadingByte >= 0 ? leadingByte : childStart;
                int startLine = leadingByte >= 0 ? leadingLine : childLine;
                if (relative == null) {
                    List<Unit> produced = new ArrayList<>();
                    expand(spec, child, described, occurrence, prefix, localPrefix, separator, startByte, startLine,
                            childEnd, utf8, produced);
                    relative = shift(produced, -childLine, -childStart);
                    described.byOccurrence().put(occurrence, relative);
                    out.addAll(produced);
                } else {
                    out.addAll(shift(relative, childLine, childStart));
                }
                if (members != null) {
                    members.add(new int[] {startLine, out.get(out.size() - 1).endLine()});
                }
                leadingByte = -1;
            }
        }
    }

    /**
     * A body's child as far as its bytes and context decide: not a node at all ({@code anonymous}), not a unit
     * ({@code name == null}), or a unit of this kind and name whose units, once expanded, are kept per occurrence
     * of its qualified name, relative to the child's first line and byte.
     */
    private record Child(boolean anonymous, ChunkKind kind, String name, Map<Integer, List<Unit>> byOccurrence) {
    }

    /** What decides a child's units: its grammar, scope, attributes and exact bytes (length and 64-bit hash). */
    private record ChildKey(String language, String prefix, String localPrefix, boolean inType, String type,
                            String attributes, int leadingBytes, int leadingLines, int length, long hash) {
    }

    private Child describe(LanguageSpec spec, TSNode child, String attributes, String prefix, boolean inType,
                           byte[] utf8) {
        if (!child.isNamed()) {
            return new Child(true, null, null, null);
        }
        TSNode node = unwrap(spec, child);
        String nodeType = node == null ? null : Nodes.type(node);
        ChunkKind kind = node == null ? null : spec.units().get(nodeType);
        String name = null;
        if (kind == null && node != null) {
            String jsName = jsFunctionOrTest(spec, node, utf8);
            if (jsName != null) {
                kind = jsName.startsWith("test:") ? ChunkKind.TEST : ChunkKind.FUNCTION;
                name = jsName.startsWith("test:") ? jsName.substring(5) : jsName;
            }
        }
        if (spec == LanguageSpec.RUST && "mod_item".equals(nodeType)
                && Nodes.isNull(node.getChildByFieldName("body"))) {
            kind = null; // `mod foo;` declares a file module: not a unit of this file
        }
        if (kind == null || node == null || skip(spec, node)) {
            return new Child(false, null, null, null);
        }
        if (name == null) {
            name = nameOf(spec, node, utf8);
        }
        if (kind == ChunkKind.FUNCTION && inType) {
            kind = ChunkKind.METHOD;
        }
        if ((kind == ChunkKind.FUNCTION || kind == ChunkKind.METHOD) && isTest(spec, node, name, attributes, prefix,
                utf8, child)) {
            kind = ChunkKind.TEST;
        }
        return new Child(false, kind, name, new HashMap<>(2));
    }

    /** Appends the unit a described child is, after the units of its body's members (the order callers rely on). */
    private void expand(LanguageSpec spec, TSNode child, Child described, int occurrence, String prefix,
                        String localPrefix, String separator, int startByte, int startLine, int endByte, byte[] utf8,
                        List<Unit> out) {
        String name = described.name();
        String qualified = prefix.isEmpty() ? name : prefix + separator + name;
        String local = localPrefix.isEmpty() ? name : localPrefix + separator + name;
        if (occurrence > 1) {
            qualified = qualified + "#" + occurrence;
            local = local + "#" + occurrence;
        }
        TSNode node = unwrap(spec, child);
        String nodeType = Nodes.type(node);
        List<int[]> memberRanges = new ArrayList<>();
        String bodyField = spec.containerBodies().get(nodeType);
        if (bodyField != null) {
            TSNode inner = node.getChildByFieldName(bodyField);
            if (!Nodes.isNull(inner)) {
                String memberPrefix = qualified;
                String memberLocal = local;
                if (spec == LanguageSpec.RUST && "impl_item".equals(nodeType)) {
                    memberPrefix = (prefix.isEmpty() ? "" : prefix + "::") + implType(node, utf8);
                    memberLocal = (localPrefix.isEmpty() ? "" : localPrefix + "::") + implType(node, utf8);
                }
                boolean typeBody = described.kind() == ChunkKind.TYPE || described.kind() == ChunkKind.IMPL;
                walk(spec, inner, memberPrefix, memberLocal, utf8, out, memberRanges, null, typeBody);
            }
        }
        out.add(new Unit(described.kind(), unitType(nodeType), name, qualified, local, startLine, endLine(child),
                startByte, endByte, memberRanges, node.hasError()));
    }

    private static List<Unit> shift(List<Unit> units, int lines, int bytes) {
        List<Unit> shifted = new ArrayList<>(units.size());
        for (Unit u : units) {
            List<int[]> members = new ArrayList<>(u.memberRanges().size());
            for (int[] m : u.memberRanges()) {
                members.add(new int[] {m[0] + lines, m[1] + lines});
            }
            shifted.add(new Unit(u.kind(), u.unitType(), u.name(), u.qualifiedName(), u.localName(),
                    u.startLine() + lines, u.endLine() + lines, u.startByte() + bytes, u.endByte() + bytes, members,
                    u.fromErrorRegion()));
        }
        return shifted;
    }

    private static boolean isIdentifierLike(String type) {
        return !type.isEmpty() && (Character.isLetter(type.charAt(0)) || type.charAt(0) == '_');
    }

    private static String slice(byte[] utf8, int from, int to) {
        int start = Math.max(0, from);
        int end = Math.min(utf8.length, to);
        return new String(utf8, start, Math.max(0, end - start), StandardCharsets.UTF_8);
    }

    private static boolean skip(LanguageSpec spec, TSNode node) {
        // C/C++ specifiers only count with a body (a definition), not as a mention in a declaration.
        if ((spec == LanguageSpec.C || spec == LanguageSpec.CPP) && Nodes.type(node).endsWith("_specifier")) {
            TSNode body = node.getChildByFieldName("body");
            return Nodes.isNull(body);
        }
        return false;
    }

    /** Looks through wrappers to the node that is the unit: decorators, exports, C declarations. */
    private static TSNode unwrap(LanguageSpec spec, TSNode child) {
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

    /** JS/TS: {@code const f = () => ...} is a function; {@code it("does x", ...)} and friends are tests. */
    private static String jsFunctionOrTest(LanguageSpec spec, TSNode node, byte[] utf8) {
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

    private static boolean isTest(LanguageSpec spec, TSNode node, String name, String attributes, String prefix,
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

    private static String nameOf(LanguageSpec spec, TSNode node, byte[] utf8) {
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
            return specNode == null ? "type@" + line(node.getStartPoint()) : text(specNode.getChildByFieldName("name"), utf8);
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

    private static String implType(TSNode impl, byte[] utf8) {
        return GENERICS.matcher(text(impl.getChildByFieldName("type"), utf8)).replaceAll("").trim();
    }

    private static String unitType(String nodeType) {
        return nodeType.replace("_item", "").replace("_declaration", "").replace("_definition", "")
                .replace("_specifier", "");
    }

    /** The module (Rust), package (Java, Go), or file module (Python, JS/TS) that prefixes qualified names. */
    private static String modulePrefix(LanguageSpec spec, String path, TSNode root, byte[] utf8) {
        if (spec == LanguageSpec.RUST) {
            return RustModules.modulePath(path);
        }
        if (spec == LanguageSpec.JAVA || spec == LanguageSpec.GO) {
            String clause = spec == LanguageSpec.JAVA ? "package_declaration" : "package_clause";
            TSNode pkg = firstChildOfType(root, clause);
            if (pkg == null) {
                return "";
            }
            return text(pkg, utf8).replaceFirst("^package\\s+", "").replace(";", "").trim();
        }
        if (spec == LanguageSpec.PYTHON || spec == LanguageSpec.JAVASCRIPT || spec == LanguageSpec.TYPESCRIPT) {
            String stem = path.replaceFirst("\\.[^./]+$", "").replaceFirst("(^|/)__init__$", "");
            return spec == LanguageSpec.PYTHON ? stem.replace('/', '.') : stem;
        }
        return "";
    }

    static String text(TSNode node, byte[] utf8) {
        if (Nodes.isNull(node)) {
            return "";
        }
        return slice(utf8, Nodes.startByte(node), Nodes.endByte(node));
    }

    private static int line(TSPoint point) {
        return point.getRow() + 1;
    }

    private static int endLine(TSNode node) {
        TSPoint end = node.getEndPoint();
        // A node ending at column 0 ends with the previous line's newline.
        return end.getColumn() == 0 && end.getRow() > Nodes.startRow(node) ? end.getRow() : end.getRow() + 1;
    }

    @Override
    public void close() {
        trees.values().forEach(c -> c.tree().close());
        trees.clear();
        decisionQueries.values().forEach(TSQuery::close);
        parsers.values().forEach(TSParser::close);
    }
}
