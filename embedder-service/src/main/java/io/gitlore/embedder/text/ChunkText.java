package io.gitlore.embedder.text;

import java.util.Locale;

import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * The texts a chunk is embedded and BM25-indexed as. Every text starts with one header line,
 * {@code <path> · <kind> <qualified name>}. A unit's current version (a snapshot chunk) is the header and its code.
 * A change (a commit's chunk) is what changed, not the whole unit again: the header, the commit subject on the second
 * line, then the lines the commit removed and added ({@code -}/{@code +}); for a new or deleted unit, its code.
 */
public final class ChunkText {

    private ChunkText() {
    }

    public static String header(ChunkRecord chunk) {
        String name = UnitKeys.name(chunk);
        StringBuilder sb = new StringBuilder(chunk.path().length() + 48);
        sb.append(chunk.path()).append(" · ").append(chunk.kind().name().toLowerCase(Locale.ROOT));
        if (name != null && !name.isBlank()) {
            sb.append(' ').append(name);
        }
        return sb.toString().replace('\n', ' ');
    }

    /** A current version (or one part of it): the header, then the code. */
    public static String version(ChunkRecord chunk, String code) {
        return header(chunk) + "\n" + code;
    }

    /** A change: the header, the subject, then {@link #changeBody}. */
    public static String change(ChunkRecord chunk, String body) {
        String subject = chunk.subject() == null ? "" : chunk.subject().replace('\n', ' ').strip();
        return header(chunk) + "\n" + subject + "\n" + body;
    }

    /**
     * What a commit changed in the unit: the removed and added lines of its hunks for a unit that existed before and
     * after; the unit's code ({@code code}: the new version, or the old one for a deleted unit) otherwise.
     */
    public static String changeBody(ChunkRecord chunk, String code) {
        if (chunk.snapshot() || chunk.hunks() == null || chunk.hunks().isEmpty() || chunk.oldStartLine() <= 0
                || deleted(chunk)) {
            return code;
        }
        StringBuilder sb = new StringBuilder();
        for (String hunk : chunk.hunks()) {
            for (String line : hunk.split("\n")) {
                if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++")
                        && !line.startsWith("---") && !line.substring(1).isBlank()) {
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.length() == 0 ? code : sb.toString();
    }

    /** The chunk shows a unit its commit deleted (it has only an old side). */
    public static boolean deleted(ChunkRecord chunk) {
        return !chunk.snapshot() && chunk.newCode() == null && chunk.newCodeRef() == null;
    }

    /**
     * What makes two changes near-duplicates: the same unit and the same changed lines, whitespace aside, whatever
     * the commit and its subject (a merge, a cherry-pick or a backport of the same edit).
     */
    public static String nearKey(ChunkRecord chunk, String body) {
        return header(chunk) + "\n" + body.replaceAll("\\s+", " ").strip();
    }

    /** The code of a current version's text (everything after the header line). */
    public static String versionCode(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? "" : text.substring(nl + 1);
    }

    /** The body of a change's text (everything after the header and subject lines). */
    public static String changeCode(String text) {
        int nl = text.indexOf('\n');
        int second = nl < 0 ? -1 : text.indexOf('\n', nl + 1);
        return second < 0 ? "" : text.substring(second + 1);
    }
}
