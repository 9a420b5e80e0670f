package io.gitlore.chunker.syntax;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.cache.Fnv;
import io.gitlore.chunker.cache.Lru;
import io.gitlore.contracts.chunk.ChunkKind;
import org.treesitter.TSNode;
import org.treesitter.TSPoint;
import org.treesitter.TSTreeCursor;

/**
 * Walks a parsed tree into the file's {@link Unit}s and the line ranges that did not parse, applying the
 * {@link LanguageRules}. Remembers the units of each child it has seen (by its bytes and context), so unchanged code
 * in a file's next version, or on another branch, is not walked again. Not thread-safe: one per parser.
 */
final class UnitExtractor {

    private final Map<ChildKey, Child> children = new Lru<>(32_768);

    ParsedFile extract(LanguageSpec spec, String path, String module, TSNode root, byte[] utf8) {
        List<Unit> units = new ArrayList<>();
        List<int[]> errors = new ArrayList<>();
        String prefix = LanguageRules.modulePrefix(spec, path, module, root, utf8);
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
                    leadingText.append(LanguageRules.slice(utf8, childStart, childEnd)).append('\n');
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
                    Unit member = out.get(out.size() - 1);
                    members.add(new int[] {startLine, member.endLine(), member.signatureLine()});
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
        TSNode node = LanguageRules.unwrap(spec, child);
        String nodeType = node == null ? null : Nodes.type(node);
        ChunkKind kind = node == null ? null : spec.units().get(nodeType);
        String name = null;
        if (kind == null && node != null) {
            String jsName = LanguageRules.jsFunctionOrTest(spec, node, utf8);
            if (jsName != null) {
                kind = jsName.startsWith("test:") ? ChunkKind.TEST : ChunkKind.FUNCTION;
                name = jsName.startsWith("test:") ? jsName.substring(5) : jsName;
            }
        }
        if (spec == LanguageSpec.RUST && "mod_item".equals(nodeType)
                && Nodes.isNull(node.getChildByFieldName("body"))) {
            kind = null; // `mod foo;` declares a file module: not a unit of this file
        }
        if (kind == null || node == null || LanguageRules.skip(spec, node)) {
            return new Child(false, null, null, null);
        }
        if (name == null) {
            name = LanguageRules.nameOf(spec, node, utf8);
        }
        if (kind == ChunkKind.FUNCTION && inType) {
            kind = ChunkKind.METHOD;
        }
        if ((kind == ChunkKind.FUNCTION || kind == ChunkKind.METHOD)
                && LanguageRules.isTest(spec, node, name, attributes, prefix, utf8, child)) {
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
        TSNode node = LanguageRules.unwrap(spec, child);
        String nodeType = Nodes.type(node);
        List<int[]> memberRanges = new ArrayList<>();
        String bodyField = spec.containerBodies().get(nodeType);
        if (bodyField != null) {
            TSNode inner = node.getChildByFieldName(bodyField);
            if (!Nodes.isNull(inner)) {
                String memberPrefix = qualified;
                String memberLocal = local;
                if (spec == LanguageSpec.RUST && "impl_item".equals(nodeType)) {
                    String implType = LanguageRules.implType(node, utf8);
                    memberPrefix = (prefix.isEmpty() ? "" : prefix + "::") + implType;
                    memberLocal = (localPrefix.isEmpty() ? "" : localPrefix + "::") + implType;
                }
                boolean typeBody = described.kind() == ChunkKind.TYPE || described.kind() == ChunkKind.IMPL;
                walk(spec, inner, memberPrefix, memberLocal, utf8, out, memberRanges, null, typeBody);
            }
        }
        TSNode nameNode = node.getChildByFieldName("name");
        int signatureLine = Nodes.isNull(nameNode) ? Nodes.startRow(node) + 1 : Nodes.startRow(nameNode) + 1;
        out.add(new Unit(described.kind(), LanguageRules.unitType(nodeType), name, qualified, local, startLine,
                signatureLine, endLine(child), startByte, endByte, memberRanges, node.hasError()));
    }

    private static List<Unit> shift(List<Unit> units, int lines, int bytes) {
        List<Unit> shifted = new ArrayList<>(units.size());
        for (Unit u : units) {
            List<int[]> members = new ArrayList<>(u.memberRanges().size());
            for (int[] m : u.memberRanges()) {
                members.add(new int[] {m[0] + lines, m[1] + lines, m[2] + lines});
            }
            shifted.add(new Unit(u.kind(), u.unitType(), u.name(), u.qualifiedName(), u.localName(),
                    u.startLine() + lines, u.signatureLine() + lines, u.endLine() + lines, u.startByte() + bytes, u.endByte() + bytes, members,
                    u.fromErrorRegion()));
        }
        return shifted;
    }

    private static boolean isIdentifierLike(String type) {
        return !type.isEmpty() && (Character.isLetter(type.charAt(0)) || type.charAt(0) == '_');
    }

    private static int endLine(TSNode node) {
        TSPoint end = node.getEndPoint();
        // A node ending at column 0 ends with the previous line's newline.
        return end.getColumn() == 0 && end.getRow() > Nodes.startRow(node) ? end.getRow() : end.getRow() + 1;
    }
}
