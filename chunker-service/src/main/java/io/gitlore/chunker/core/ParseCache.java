package io.gitlore.chunker.core;

import java.util.BitSet;
import java.util.Map;

import io.gitlore.chunker.cache.Fnv;
import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.syntax.LanguageSpec;
import io.gitlore.chunker.syntax.ParsedFile;
import io.gitlore.chunker.syntax.SyntaxParser;
import io.gitlore.chunker.syntax.Unit;

/**
 * Takes file versions and units to the {@link SyntaxParser} and gives back their units and complexities, parsing a
 * version (at a path) once and counting a unit's complexity once per distinct unit text.
 */
final class ParseCache {

    private final SyntaxParser parser;
    private final Map<String, ParsedFile> parsedByPathAndBlob;
    private final Map<String, Integer> complexityMemo = new Lru<>(65_536);

    ParseCache(SyntaxParser parser, int cachedFiles) {
        this.parser = parser;
        this.parsedByPathAndBlob = new Lru<>(cachedFiles);
    }

    /**
     * The units of one version of a file; {@code edits} from the previous version let the parser re-parse that
     * version's tree incrementally.
     */
    ParsedFile parsed(LanguageSpec spec, String path, String module, String blobId, String text,
                      String previousBlobId, PatchEdits edits, String previousText) {
        // Keyed by path and declared module too: qualified names carry the module or package the path and the
        // manifests imply, so the same blob at a renamed path, or under a renamed crate, has other units' names.
        String key = blobId == null ? null : blobId + "@" + path + "@" + module;
        ParsedFile cached = key == null ? null : parsedByPathAndBlob.get(key);
        if (cached != null) {
            return cached;
        }
        ParsedFile parsed = parser.parse(spec, path, module, blobId, text, previousBlobId,
                edits == null ? null : edits.edits(), previousText);
        if (blobId != null) {
            parsedByPathAndBlob.put(key, parsed);
        }
        return parsed;
    }

    /** Where an oversized unit may be split: the lines that begin a statement or item (see the parser). */
    BitSet boundaries(LanguageSpec spec, String blobId, String text, Unit unit) {
        return parser.boundaries(spec, blobId, text, unit);
    }

    /**
     * Complexity of a function-like unit; containers and types have none (their members carry it). Memoised by the
     * unit's own text: a unit's complexity after one commit is its complexity before the next, wherever edits
     * elsewhere in the file moved it, and on every branch that carries the same version.
     */
    Integer complexity(LanguageSpec spec, String blobId, String text, Unit unit, String unitCode) {
        return switch (unit.kind()) {
            case FUNCTION, METHOD, TEST -> {
                if (blobId == null) {
                    yield parser.complexity(spec, null, text, unit);
                }
                String key = spec.language() + ":" + unitCode.length() + ":" + Fnv.hash64(unitCode);
                Integer known = complexityMemo.get(key);
                if (known == null) {
                    known = parser.complexity(spec, blobId, text, unit);
                    complexityMemo.put(key, known);
                }
                yield known;
            }
            default -> null;
        };
    }
}
