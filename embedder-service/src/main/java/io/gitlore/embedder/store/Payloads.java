package io.gitlore.embedder.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * The metadata stored with each point, shaped for n8n's Qdrant Vector Store node, which reads the payload's
 * {@code content} as the document text and {@code metadata} as its metadata, as-is.
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
    public static final List<String> KEYWORD_FIELDS = List.of(PATH_PREFIXES, LANGUAGE, KIND, CHANGE_TYPE, AUTHOR,
            COMMIT);

    private Payloads() {
    }

    public static Map<String, Object> metadata(ChunkRecord c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repository", c.repositoryId());
        m.put("chunk_id", c.chunkId());
        m.put(PATH, c.path());
        m.put(PATH_PREFIXES, prefixes(c.path()));
        m.put(LANGUAGE, c.language());
        m.put(KIND, c.kind().name().toLowerCase(Locale.ROOT));
        putIfPresent(m, "name", c.name());
        putIfPresent(m, "qualified_name", c.qualifiedName());
        m.put(COMMIT, c.commit());
        m.put("commit_index", c.commitIndex());
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
        m.put("start_line", c.startLine());
        m.put("end_line", c.endLine());
        m.put("snapshot", c.snapshot());
        putIfPresent(m, "content_hash", c.contentHash());
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
