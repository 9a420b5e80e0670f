package io.gitlore.chunker.core;

import java.util.BitSet;

import io.gitlore.chunker.core.ChangeClassifier.UnitChange;
import io.gitlore.chunker.syntax.Unit;
import io.gitlore.chunker.text.TextSections;
import io.gitlore.contracts.chunk.ChunkKind;

/**
 * A chunk before ids, redaction and duplicate marks: what it is, how the commit changed it, its lines and code on
 * each side of the change, and its complexity before and after. Built with {@link #builder(Label, UnitChange)}.
 *
 * @param fallback  the chunk comes from lines that did not parse
 * @param container a container unit (impl block, class) shown with its members collapsed; never split or merged
 * @param boundaries for an oversized syntax unit, the file lines (on the side the draft shows) where a statement or
 *                   item starts: the only places it may be split; {@code null} for text, which splits by layout
 */
record Draft(Label label, UnitChange change, Side newSide, Side oldSide, Integer complexityBefore,
             Integer complexityAfter, boolean fallback, boolean container, BitSet boundaries) {

    /** What the chunk is called: kind, unit type, display name and qualified name. */
    record Label(ChunkKind kind, String unitType, String name, String qualified) {

        static Label of(Unit unit) {
            return new Label(unit.kind(), unit.unitType(), unit.name(), unit.qualifiedName());
        }

        /** A text section is named within its file: {@code path#name}. */
        static Label of(TextSections.Section section, String path) {
            return new Label(section.kind(), section.kind().name().toLowerCase(), section.name(),
                    path + "#" + section.name());
        }

        /** The label of one part of a split unit, e.g. {@code " [2/3]"}. */
        Label part(String suffix) {
            return new Label(kind, unitType, name + suffix, qualified + suffix);
        }

        /** The label of this chunk merged with the next one. */
        Label mergedWith(Label next) {
            return new Label(kind, unitType, name + ", " + next.name(), qualified + "+" + next.name());
        }
    }

    /** One side of the change: 1-based first and last line and the code; {@link #ABSENT} when there is no side. */
    record Side(int start, int end, String code) {

        static final Side ABSENT = new Side(0, 0, null);
    }

    static Builder builder(Label label, UnitChange change) {
        return new Builder(label, change);
    }

    ChunkKind kind() {
        return label.kind();
    }

    /** The code this draft stands for: the new side's, or the old side's for deleted units. */
    String code() {
        return newSide.code() != null ? newSide.code() : oldSide.code();
    }

    int firstLine() {
        return newSide.start() > 0 ? newSide.start() : oldSide.start();
    }

    /** Names a draft's parts as they are set; a side not set is {@link Side#ABSENT}. */
    static final class Builder {

        private final Label label;
        private final UnitChange change;
        private Side newSide = Side.ABSENT;
        private Side oldSide = Side.ABSENT;
        private Integer complexityBefore;
        private Integer complexityAfter;
        private boolean fallback;
        private boolean container;
        private BitSet boundaries;

        private Builder(Label label, UnitChange change) {
            this.label = label;
            this.change = change;
        }

        Builder newSide(int start, int end, String code) {
            this.newSide = new Side(start, end, code);
            return this;
        }

        Builder oldSide(int start, int end, String code) {
            this.oldSide = new Side(start, end, code);
            return this;
        }

        Builder complexity(Integer before, Integer after) {
            this.complexityBefore = before;
            this.complexityAfter = after;
            return this;
        }

        Builder fallback(boolean fallback) {
            this.fallback = fallback;
            return this;
        }

        Builder container(boolean container) {
            this.container = container;
            return this;
        }

        Builder boundaries(BitSet boundaries) {
            this.boundaries = boundaries;
            return this;
        }

        Draft build() {
            return new Draft(label, change, newSide, oldSide, complexityBefore, complexityAfter, fallback, container,
                    boundaries);
        }
    }
}
