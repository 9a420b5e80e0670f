package io.gitlore.chunker.core;

import java.util.List;

/**
 * A file change cut into sized drafts, each with its cleaned form, and what the emit needs to describe them: the
 * diff's edits and both versions' lines. The same old and new content at the same path yield the same drafts.
 */
record FileDrafts(List<Draft> drafts, List<DraftCleaner.Cleaned> cleaned, PatchEdits edits, String[] newLines,
                  String[] oldLines) {
}
