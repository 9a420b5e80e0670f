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
 * first version.
 */
final class Lineages {

    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, String> movedFrom = new HashMap<>();

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
                ids.put(root, known.getOrDefault(root, UnitKeys.id(root)));
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String key : keys) {
            out.put(key, id(key));
        }
        return out;
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
