package io.gitlore.embedder.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * The metadata stored with each point, shaped for n8n's Qdrant Vector Store node, which reads the payload's
 * {@code content} as the document text and {@code metadata} as its metadata, as-is. Two kinds of point: a unit's
 * current code ({@link #version}) and one commit's change to a unit ({@link #change}); both name the unit.
 */
public final class Payloads {

    public static final String CONTENT = "content";
    public static final String METADATA = "metadata";
    /** Filterable metadata keys, shared by both stores and the search API. */
    public static final String PATH = "path";
    public static final String PATH_PREFIXES = "path_prefixes";
    public static final String LANGUAGE = "language";
    public static final String KIND = "kind";
    public static final String CHANGE_TYPE = "change_type";
    public static final String AUTHOR = "author";
    public static final String COMMIT = "commit";
    public static final String TIMESTAMP = "timestamp";
    /** Whether a point is a unit's current code ({@value #CURRENT}) or one commit's change to it ({@value #CHANGE}). */
    public static final String ROLE = "role";
    public static final String CURRENT = "current";
    public static final String CHANGE = "change";
    /** The unit's id (kept across moves), its path|qualified-name key, and a current point's place among its parts. */
    public static final String UNIT_ID = "unit_id";
    public static final String UNIT_KEY = "unit_key";
    public static final String PART = "part";
    /** SHA-256 of the embedded text: a point whose stored text hash matches needs no new embedding or write. */
    public static final String TEXT_HASH = "text_hash";
    public static final String COMMIT_INDEX = "commit_index";
    public static final String CONTENT_HASH = "content_hash";
    public static final String DELETED = "deleted";
    /**
     * True on a point stored with its text (BM25 finds it) whose vector is still being computed; gone once the vector
     * is in. The store itself says which points still lack a vector, so a restart loses none.
     */
    public static final String VECTOR_PENDING = "vector_pending";
    public static final List<String> KEYWORD_FIELDS = List.of(PATH_PREFIXES, LANGUAGE, KIND, CHANGE_TYPE, AUTHOR,
            COMMIT, ROLE, UNIT_ID, UNIT_KEY, CONTENT_HASH);

    private Payloads() {
    }

    /** A unit's current code, or one part of it: where it is now, no commit (the hit's history says who changed it). */
    public static Map<String, Object> version(ChunkRecord c, String unitId, String unitKey, int part, int startLine,
                                              int endLine, String textHash) {
        Map<String, Object> m = common(c, CURRENT, unitId, unitKey, textHash);
        m.put(PART, part);
        m.put("start_line", startLine);
        m.put("end_line", endLine);
        m.put("snapshot", true);
        return m;
    }

    /** One commit's change to a unit: the commit, never line numbers (they were that commit's, not today's). */
    public static Map<String, Object> change(ChunkRecord c, String unitId, String unitKey, boolean deleted,
                                             String textHash) {
        Map<String, Object> m = common(c, CHANGE, unitId, unitKey, textHash);
        m.put(COMMIT, c.commit());
        m.put(COMMIT_INDEX, c.commitIndex());
        putIfPresent(m, AUTHOR, c.author());
        putIfPresent(m, "author_email", c.authorEmail());
        if (c.time() != null) {
            m.put("time", c.time().toString());
            m.put(TIMESTAMP, c.time().getEpochSecond());
        }
        putIfPresent(m, "subject", c.subject());
        if (c.changeType() != null) {
            m.put(CHANGE_TYPE, c.changeType().name().toLowerCase(Locale.ROOT));
        }
        m.put(DELETED, deleted);
        m.put("snapshot", false);
        return m;
    }

    private static Map<String, Object> common(ChunkRecord c, String role, String unitId, String unitKey,
                                              String textHash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repository", c.repositoryId());
        m.put("chunk_id", c.chunkId());
        m.put(ROLE, role);
        m.put(UNIT_ID, unitId);
        m.put(UNIT_KEY, unitKey);
        m.put(PATH, c.path());
        m.put(PATH_PREFIXES, prefixes(c.path()));
        m.put(LANGUAGE, c.language());
        m.put(KIND, c.kind().name().toLowerCase(Locale.ROOT));
        putIfPresent(m, "name", c.name());
        putIfPresent(m, "qualified_name", io.gitlore.embedder.text.UnitKeys.name(c));
        m.put(TEXT_HASH, textHash);
        putIfPresent(m, CONTENT_HASH, c.contentHash());
        return m;
    }

    /** Every directory prefix of a path, and the path itself: {@code a/b/c.rs} → a, a/b, a/b/c.rs. */
    public static List<String> prefixes(String path) {
        String p = normalizePath(path);
        List<String> out = new ArrayList<>();
        int slash = p.indexOf('/');
        while (slash > 0) {
            out.add(p.substring(0, slash));
            slash = p.indexOf('/', slash + 1);
        }
        out.add(p);
        return out;
    }

    public static String normalizePath(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
