package io.gitlore.chunker.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.hygiene.NearDuplicates;
import io.gitlore.chunker.hygiene.SecretRedactor;
import io.gitlore.chunker.text.Tokens;
import io.gitlore.contracts.blob.BlobStore;

/**
 * Does a draft's per-chunk work that needs no job state: picks its hunks, redacts its code and hunks, and computes
 * its content hash, MinHash signature and size. It runs where the file is prepared (a worker thread) and is cached
 * with the file's drafts, so the in-order emit only assigns ids and looks up duplicates.
 */
final class DraftCleaner {

    /** The hunks kept with one chunk stop before this many characters. */
    private static final int MAX_HUNK_CHARS = 16_384;

    /** A draft's redacted code and hunks, and what duplicate detection and sizing need of that code. */
    record Cleaned(List<String> hunks, SecretRedactor.Result newCode, SecretRedactor.Result oldCode,
                   List<SecretRedactor.Result> hunkResults, String code, String contentHash, int[] signature,
                   int tokens) {
    }

    /** What duplicate detection and sizing need of a chunk's (redacted) code. */
    private record Fingerprint(String contentHash, int[] signature, int tokens) {
    }

    private final SecretRedactor redactor = new SecretRedactor();
    // A unit's code after one commit is its old code in the next one that touches it, the same on every branch that
    // carries it, and a hunk is shared by the units it touches: redaction and fingerprints are kept by text.
    private final Map<String, SecretRedactor.Result> redactedCode = new Lru<>(8_192);
    private final Map<String, Fingerprint> fingerprints = new Lru<>(8_192);

    Cleaned clean(Draft d, PatchEdits edits) {
        List<String> hunks = new ArrayList<>();
        int hunkChars = 0;
        for (String h : edits.hunksTouching(d.newSide().start(), d.newSide().end(), d.oldSide().start(),
                d.oldSide().end())) {
            if (hunkChars + h.length() > MAX_HUNK_CHARS) {
                break;
            }
            hunks.add(h);
            hunkChars += h.length();
        }
        SecretRedactor.Result newCode = redact(d.newSide().code());
        SecretRedactor.Result oldCode = redact(d.oldSide().code());
        List<SecretRedactor.Result> hunkResults = hunks.stream().map(this::redact).toList();
        String code = newCode.text() != null ? newCode.text() : oldCode.text();
        Fingerprint f = fingerprints.computeIfAbsent(code, c -> new Fingerprint(
                BlobStore.sha256(c.getBytes(StandardCharsets.UTF_8)), NearDuplicates.signature(c), Tokens.estimate(c)));
        return new Cleaned(hunks, newCode, oldCode, hunkResults, code, f.contentHash(), f.signature(), f.tokens());
    }

    private SecretRedactor.Result redact(String code) {
        return code == null || code.isEmpty() ? redactor.redact(code)
                : redactedCode.computeIfAbsent(code, redactor::redact);
    }
}
