package io.gitlore.embedder.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.gitlore.embedder.text.UnitKeys;

/**
 * Which unit id each unit key (path|qualified name) stands for in one job. A key the index has seen keeps the id its
 * points carry (so a re-run or a later job lands on the same points); a key a commit moved a unit to (the same code
 * deleted under one key and added under another) takes the moved unit's id; any other key gets the id of its own
 * first version. A deleted unit under a key nobody knew (the chunker names the deleted units of a renamed file by the
 * file's new path) is the unit whose latest version had the same code.
 */
final class Lineages {

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> movedFrom = new HashMap<>();
    /** Keys neither this job nor the index knew, which got an id of their own. */
    private final Set<String> minted = new HashSet<>();
    /** The unit id of the latest version with a given content hash, for deleted units under an unknown key. */
    private final Map<String, String> byContent = new HashMap<>();

    /** A commit deleted the unit under {@code from} and added the same code under {@code to}. */
    void moved(String to, String from) {
        if (!to.equals(from)) {
            movedFrom.put(to, from);
            ids.remove(to);
        }
    }

    /**
     * The ids of {@code keys}; keys not resolved yet are looked up in the index ({@code lookup}: key → id of the
     * points that carry it, for the keys it knows).
     */
    Map<String, String> resolve(Collection<String> keys, Function<Set<String>, Map<String, String>> lookup) {
        Set<String> roots = new LinkedHashSet<>();
        for (String key : keys) {
            String root = root(key);
            if (!ids.containsKey(root)) {
                roots.add(root);
            }
        }
        if (!roots.isEmpty()) {
            Map<String, String> known = lookup.apply(roots);
            for (String root : roots) {
                String id = known.get(root);
                if (id == null) {
                    id = UnitKeys.id(root);
                    minted.add(root);
                }
                ids.put(root, id);
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String key : keys) {
            out.put(key, id(key));
        }
        return out;
    }

    /** Whether {@code key} got a new id: neither this job nor the index had seen it. */
    boolean minted(String key) {
        return minted.contains(key);
    }

    /** {@code key} names the unit {@code unitId} after all (found by its code). */
    void alias(String key, String unitId) {
        ids.put(key, unitId);
        minted.remove(key);
    }

    /** Remembers that the latest version with this content hash belongs to {@code unitId}. */
    void versionOf(String contentHash, String unitId) {
        if (contentHash != null) {
            byContent.put(contentHash, unitId);
        }
    }

    /** The unit whose latest version this job saw has this content hash, or {@code null}. */
    String unitWithContent(String contentHash) {
        return contentHash == null ? null : byContent.get(contentHash);
    }

    /** The key whose id {@code key} takes: itself, or where its unit moved from (a cycle stops at its first repeat). */
    private String root(String key) {
        Set<String> seen = new HashSet<>();
        String at = key;
        while (!ids.containsKey(at) && movedFrom.containsKey(at) && seen.add(at)) {
            at = movedFrom.get(at);
        }
        return at;
    }

    private String id(String key) {
        String known = ids.get(key);
        if (known != null) {
            return known;
        }
        String id = ids.get(root(key));
        ids.put(key, id);
        movedFrom.remove(key);
        return id;
    }
}
