package io.gitlore.chunker.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.gitlore.chunker.core.ChangeClassifier.UnitChange;
import io.gitlore.chunker.syntax.LanguageSpec;
import io.gitlore.chunker.syntax.ParsedFile;
import io.gitlore.chunker.syntax.Unit;
import io.gitlore.chunker.text.Tokens;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.scrape.FileChange;

/**
 * Cuts a source file in a language with a grammar into drafts: the syntax units the diff touches (new, modified or
 * deleted, matched across the two versions by identity), plus regions of changed lines outside every unit (top-level
 * items, and code that did not parse).
 */
final class CodeDrafts {

    private static final ParsedFile EMPTY = new ParsedFile(List.of(), List.of());
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(package\\s|import\\s|from\\s+\\S+\\s+import\\s|(pub(\\([^)]*\\))?\\s+)?(use|mod)\\s+[\\w:{}, *]+;"
                    + "|#include\\s|extern crate\\s|\\}\\s*$|\\)\\s*$)");
    /** Changed lines at most this many lines apart go into one region. */
    private static final int REGION_GAP = 5;

    private final ParseCache parses;
    private final int maxTokens;

    CodeDrafts(ParseCache parses, int maxTokens) {
        this.parses = parses;
        this.maxTokens = maxTokens;
    }

    /**
     * The drafts of one file change; {@code newText} or {@code oldText} is null when the file was added or deleted,
     * {@code oldModule} and {@code newModule} what the manifests declare for each side's path (or null).
     */
    List<Draft> drafts(LanguageSpec spec, FileChange file, String oldModule, String newModule, String newText,
                       String oldText, String[] newLines, String[] oldLines, PatchEdits edits) {
        ParsedFile oldParsed = oldText == null ? EMPTY
                : parses.parsed(spec, file.oldPath(), oldModule, file.oldBlobId(), oldText, null, null, null);
        ParsedFile newParsed = newText == null ? EMPTY : parses.parsed(spec, file.newPath(), newModule,
                file.newBlobId(), newText, file.oldBlobId(), edits, oldText);
        Map<String, Unit> oldById = new HashMap<>();
        oldParsed.units().forEach(u -> oldById.putIfAbsent(u.identity(), u));
        Set<String> newIds = new HashSet<>();
        List<Draft> drafts = new ArrayList<>();
        for (Unit u : newParsed.units()) {
            newIds.add(u.identity());
            Unit o = oldById.get(u.identity());
            boolean changed = touched(u, edits.added()) || o != null && touched(o, edits.removed());
            if (!changed) {
                continue;
            }
            String newCode = code(newLines, u);
            Draft.Builder draft = Draft.builder(Draft.Label.of(u), o == null ? UnitChange.NEW : UnitChange.MODIFIED)
                    .newSide(u.startLine(), u.endLine(), newCode);
            String oldCode = null;
            if (o != null) {
                oldCode = code(oldLines, o);
                if (oldCode.equals(newCode)) {
                    continue; // the diff aligned an edit into the unit, but its text is what it was
                }
                draft.oldSide(o.startLine(), o.endLine(), oldCode);
            }
            Integer before = o == null ? null : parses.complexity(spec, file.oldBlobId(), oldText, o, oldCode);
            Integer after = parses.complexity(spec, file.newBlobId(), newText, u, newCode);
            drafts.add(draft.complexity(before, after).fallback(u.fromErrorRegion()).container(u.isContainer())
                    .boundaries(boundaries(spec, file.newBlobId(), newText, u, newCode)).build());
        }
        for (Unit o : oldParsed.units()) {
            if (!newIds.contains(o.identity())) {
                String oldCode = code(oldLines, o);
                drafts.add(Draft.builder(Draft.Label.of(o), UnitChange.DELETED)
                        .oldSide(o.startLine(), o.endLine(), oldCode)
                        .complexity(parses.complexity(spec, file.oldBlobId(), oldText, o, oldCode), null)
                        .container(o.isContainer()).boundaries(boundaries(spec, file.oldBlobId(), oldText, o, oldCode))
                        .build());
            }
        }
        looseRegions(file.path(), newParsed, oldParsed, newText, oldText, newLines, oldLines, edits, drafts);
        return drafts;
    }

    /** Changed lines outside every unit: top-level items (imports, constants) and regions that did not parse. */
    private static void looseRegions(String path, ParsedFile newParsed, ParsedFile oldParsed, String newText,
                                     String oldText, String[] newLines, String[] oldLines, PatchEdits edits,
                                     List<Draft> drafts) {
        BitSet looseAdded = meaningful(outside(edits.added(), newParsed.units()), newLines);
        BitSet errorAdded = new BitSet();
        for (int line = looseAdded.nextSetBit(0); line >= 0; line = looseAdded.nextSetBit(line + 1)) {
            if (newParsed.inErrorRegion(line)) {
                errorAdded.set(line);
            }
        }
        looseAdded.andNot(errorAdded);
        BitSet looseRemoved = meaningful(outside(edits.removed(), oldParsed.units()), oldLines);
        UnitChange topLevel = oldText == null ? UnitChange.NEW : UnitChange.MODIFIED;
        Draft.Label topLevelLabel = new Draft.Label(ChunkKind.MODULE, "top-level", "(top level)",
                path + ":top-level");
        for (int[] region : clusters(looseAdded)) {
            drafts.add(region(topLevelLabel, topLevel, newLines, region, true, false));
        }
        if (looseAdded.isEmpty()) {
            for (int[] region : clusters(looseRemoved)) {
                drafts.add(region(topLevelLabel, newText == null ? UnitChange.DELETED : UnitChange.MODIFIED,
                        oldLines, region, false, false));
            }
        }
        for (int[] region : clusters(errorAdded)) {
            Draft.Label unparsed = new Draft.Label(ChunkKind.TEXT, "unparsed", "lines " + region[0] + "-" + region[1],
                    path + ":" + region[0]);
            drafts.add(region(unparsed, topLevel, newLines, region, true, true));
        }
    }

    /** Every unit of a file as it is at the snapshot, as a new unit. */
    List<Draft> snapshotDrafts(LanguageSpec spec, String path, String module, String blobId, String text,
                               String[] lines) {
        List<Draft> drafts = new ArrayList<>();
        for (Unit u : parses.parsed(spec, path, module, blobId, text, null, null, null).units()) {
            String code = code(lines, u);
            drafts.add(Draft.builder(Draft.Label.of(u), UnitChange.NEW)
                    .newSide(u.startLine(), u.endLine(), code)
                    .complexity(null, parses.complexity(spec, blobId, text, u, code))
                    .fallback(u.fromErrorRegion()).container(u.isContainer())
                    .boundaries(boundaries(spec, blobId, text, u, code)).build());
        }
        return drafts;
    }

    /** Split points from the syntax tree, for the units the sizer will have to split (containers never are). */
    private BitSet boundaries(LanguageSpec spec, String blobId, String text, Unit unit, String code) {
        return unit.isContainer() || Tokens.estimate(code) <= maxTokens ? null
                : parses.boundaries(spec, blobId, text, unit);
    }

    private static boolean touched(Unit unit, BitSet lines) {
        for (int line = lines.nextSetBit(unit.startLine()); line >= 0 && line <= unit.endLine();
             line = lines.nextSetBit(line + 1)) {
            if (unit.ownsLine(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops blank lines and bare declarations of packages, imports and file modules from loose changed lines: on
     * their own they are not a unit worth retrieving (they still show in the hunks of the units they serve).
     */
    private static BitSet meaningful(BitSet lines, String[] text) {
        for (int line = lines.nextSetBit(0); line >= 0; line = lines.nextSetBit(line + 1)) {
            String l = Lines.at(text, line);
            if (l.isBlank() || DECLARATION.matcher(l).find()) {
                lines.clear(line);
            }
        }
        return lines;
    }

    private static BitSet outside(BitSet lines, List<Unit> units) {
        BitSet result = (BitSet) lines.clone();
        for (Unit u : units) {
            result.clear(u.startLine(), u.endLine() + 1);
        }
        return result;
    }

    /** Groups set lines into {@code [start, end]} regions, joining gaps up to {@link #REGION_GAP} lines. */
    private static List<int[]> clusters(BitSet lines) {
        List<int[]> regions = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int line = lines.nextSetBit(1); line >= 0; line = lines.nextSetBit(line + 1)) {
            if (start < 0) {
                start = line;
            } else if (line - end > REGION_GAP) {
                regions.add(new int[] {start, end});
                start = line;
            }
            end = line;
        }
        if (start >= 0) {
            regions.add(new int[] {start, end});
        }
        return regions;
    }

    /** A region's draft with two lines of context on each side. */
    private static Draft region(Draft.Label label, UnitChange change, String[] lines, int[] region, boolean newSide,
                                boolean fallback) {
        int from = Math.max(1, region[0] - 2);
        int to = Math.min(lines.length, region[1] + 2);
        String code = Lines.slice(lines, from, to);
        Draft.Builder draft = Draft.builder(label, change).fallback(fallback);
        return (newSide ? draft.newSide(from, to, code) : draft.oldSide(from, to, code)).build();
    }

    /**
     * A unit's code; a container shows its own lines with each member collapsed to its signature line (not the
     * attribute or doc comment it may start with), so the summary keeps its members' names.
     */
    private static String code(String[] lines, Unit unit) {
        if (!unit.isContainer()) {
            return Lines.slice(lines, unit.startLine(), unit.endLine());
        }
        StringBuilder out = new StringBuilder();
        List<int[]> members = new ArrayList<>(unit.memberRanges());
        members.sort(Comparator.comparingInt(m -> m[0]));
        int line = unit.startLine();
        for (int[] member : members) {
            for (; line < member[0]; line++) {
                out.append(Lines.at(lines, line)).append('\n');
            }
            out.append(Lines.at(lines, member[2])).append(member[1] > member[2] ? " …" : "").append('\n');
            line = member[1] + 1;
        }
        for (; line <= unit.endLine(); line++) {
            out.append(Lines.at(lines, line)).append('\n');
        }
        return out.toString();
    }
}
