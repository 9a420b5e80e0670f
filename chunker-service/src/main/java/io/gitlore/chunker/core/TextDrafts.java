package io.gitlore.chunker.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.chunker.core.ChangeClassifier.UnitChange;
import io.gitlore.chunker.text.TextSections;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.scrape.FileChange;

/**
 * Cuts a file without a grammar (Markdown, TOML, YAML, plain text) into drafts: the {@link TextSections} the diff
 * touches, matched across the two versions by name; line windows are matched by position instead.
 */
final class TextDrafts {

    private final int windowLines;

    TextDrafts(int windowLines) {
        this.windowLines = windowLines;
    }

    /** The drafts of one file change; a side's lines are empty when the file was added or deleted. */
    List<Draft> drafts(FileChange file, String[] newLines, String[] oldLines, PatchEdits edits) {
        String language = file.language();
        List<TextSections.Section> newSections = newLines.length == 0 ? List.of()
                : TextSections.split(language, newLines, windowLines);
        List<TextSections.Section> oldSections = oldLines.length == 0 ? List.of()
                : TextSections.split(language, oldLines, windowLines);
        Map<String, TextSections.Section> oldByName = new HashMap<>();
        oldSections.forEach(s -> oldByName.putIfAbsent(s.name(), s));
        boolean windows = newSections.stream().anyMatch(s -> s.kind() == ChunkKind.TEXT)
                || oldSections.stream().anyMatch(s -> s.kind() == ChunkKind.TEXT);
        List<Draft> drafts = new ArrayList<>();
        Set<String> newNames = new HashSet<>();
        for (TextSections.Section s : newSections) {
            newNames.add(s.name());
            TextSections.Section o = oldByName.get(s.name());
            boolean changed = edits.addedIn(s.startLine(), s.endLine())
                    || (windows ? edits.removedIn(s.startLine(), s.endLine())
                    : o != null && edits.removedIn(o.startLine(), o.endLine()));
            if (!changed) {
                continue;
            }
            UnitChange change = o == null && !windows ? UnitChange.NEW : oldLines.length == 0 ? UnitChange.NEW
                    : UnitChange.MODIFIED;
            Draft.Builder draft = Draft.builder(Draft.Label.of(s, file.path()), change)
                    .newSide(s.startLine(), s.endLine(), Lines.slice(newLines, s.startLine(), s.endLine()));
            if (o != null) {
                draft.oldSide(o.startLine(), o.endLine(), Lines.slice(oldLines, o.startLine(), o.endLine()));
            }
            drafts.add(draft.build());
        }
        for (TextSections.Section o : oldSections) {
            if (!newNames.contains(o.name()) && (newLines.length == 0 || !windows)) {
                drafts.add(Draft.builder(Draft.Label.of(o, file.path()), UnitChange.DELETED)
                        .oldSide(o.startLine(), o.endLine(), Lines.slice(oldLines, o.startLine(), o.endLine()))
                        .build());
            }
        }
        return drafts;
    }

    /** Every section of a file as it is at the snapshot, as a new section. */
    List<Draft> snapshotDrafts(String path, String language, String[] lines) {
        List<Draft> drafts = new ArrayList<>();
        for (TextSections.Section s : TextSections.split(language, lines, windowLines)) {
            drafts.add(Draft.builder(Draft.Label.of(s, path), UnitChange.NEW)
                    .newSide(s.startLine(), s.endLine(), Lines.slice(lines, s.startLine(), s.endLine())).build());
        }
        return drafts;
    }
}
