package io.gitlore.embedder.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gitlore.contracts.serde.Json;
import io.gitlore.embedder.text.CodeAnalyzer;
import io.gitlore.embedder.text.Terms;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded default store: one Lucene index per repository under {@code <data>/index/<repo-id>/}, holding each
 * point's vector in an HNSW graph ({@link KnnFloatVectorField}, cosine), its text in a BM25 field analysed for code,
 * and its metadata as filterable fields. Every upsert is committed before it returns, so an acknowledged chunk
 * survives a crash.
 */
public final class LuceneVectorStore implements VectorStore {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String CONTENT = "content";
    static final String METADATA = "metadata";
    private static final String DIMENSION = "dimension";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Path root;
    private final Map<String, Index> indexes = new ConcurrentHashMap<>();

    public LuceneVectorStore(Path root) {
        this.root = root;
    }

    private record Index(Directory directory, IndexWriter writer, SearcherManager searchers, int dimension)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public void ensureCollection(String repositoryId, int dimension) {
        Index index = open(repositoryId, dimension);
        if (index.dimension() != dimension) {
            throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, index.dimension(), dimension));
        }
    }

    private Index open(String repositoryId, int dimension) {
        return indexes.computeIfAbsent(repositoryId, id -> {
            Path dir = root.resolve(id);
            try {
                Files.createDirectories(dir);
                Directory directory = FSDirectory.open(dir);
                int existing = DirectoryReader.indexExists(directory)
                        ? Integer.parseInt(SegmentInfos.readLatestCommit(directory).getUserData()
                        .getOrDefault(DIMENSION, "-1")) : -1;
                IndexWriterConfig config = new IndexWriterConfig(new CodeAnalyzer(true))
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                        .setRAMBufferSizeMB(64);
                IndexWriter writer = new IndexWriter(directory, config);
                int dim = existing > 0 ? existing : dimension;
                writer.setLiveCommitData(Map.of(DIMENSION, Integer.toString(dim)).entrySet());
                writer.commit();
                return new Index(directory, writer, new SearcherManager(writer, null), dim);
            } catch (IOException e) {
                throw new UncheckedIOException("opening the Lucene index " + dir, e);
            }
        });
    }

    private Index existing(String repositoryId) {
        Index index = indexes.get(repositoryId);
        if (index != null) {
            return index;
        }
        Path dir = root.resolve(repositoryId);
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return null;
            }
            int dim = Integer.parseInt(SegmentInfos.readLatestCommit(d).getUserData().getOrDefault(DIMENSION, "-1"));
            return open(repositoryId, dim);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void upsert(String repositoryId, List<VectorPoint> points, boolean durable) {
        if (points.isEmpty()) {
            return;
        }
        Index index = indexes.get(repositoryId);
        if (index == null) {
            throw new IllegalStateException("collection of " + repositoryId + " not created: call ensureCollection");
        }
        try {
            for (VectorPoint p : points) {
                if (p.vector().length != index.dimension()) {
                    throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, index.dimension(), p.vector().length));
                }
                index.writer().updateDocument(new Term(ID, p.id()), document(p));
            }
            index.writer().commit();
            if (durable) {
                index.searchers().maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to the Lucene index of " + repositoryId, e);
        }
    }

    private static Document document(VectorPoint p) {
        Document doc = new Document();
        doc.add(new StringField(ID, p.id(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, p.vector(), VectorSimilarityFunction.COSINE));
        doc.add(new TextField(CONTENT, p.content(), Field.Store.YES));
        doc.add(new StoredField(METADATA, new org.apache.lucene.util.BytesRef(Json.write(p.metadata()))));
        Map<String, Object> m = p.metadata();
        for (String key : Payloads.KEYWORD_FIELDS) {
            Object value = m.get(key);
            if (value instanceof List<?> list) {
                list.forEach(v -> doc.add(new StringField(filterField(key), v.toString(), Field.Store.NO)));
            } else if (value != null) {
                doc.add(new StringField(filterField(key), value.toString(), Field.Store.NO));
            }
        }
        if (m.get(Payloads.TIMESTAMP) instanceof Number n) {
            doc.add(new LongPoint(filterField(Payloads.TIMESTAMP), n.longValue()));
        }
        return doc;
    }

    private static String filterField(String key) {
        return "m." + key;
    }

    /** The filters as one Lucene query, or {@code null} when there are none. */
    static Query filter(SearchFilters f) {
        if (f == null || f.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        f.keywordConditions().forEach((key, value) ->
                b.add(new TermQuery(new Term(filterField(key), value)), BooleanClause.Occur.FILTER));
        if (f.since() != null || f.until() != null) {
            long from = f.since() == null ? Long.MIN_VALUE : f.since().getEpochSecond();
            long to = f.until() == null ? Long.MAX_VALUE : f.until().getEpochSecond();
            b.add(LongPoint.newRangeQuery(filterField(Payloads.TIMESTAMP), from, to), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    @Override
    public List<SearchHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters) {
        Index index = existing(repositoryId);
        if (index == null) {
            return List.of();
        }
        if (vector.length != index.dimension()) {
            throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, index.dimension(), vector.length));
        }
        return search(index, new KnnFloatVectorQuery(VECTOR, vector, k, filter(filters)), k);
    }

    @Override
    public List<SearchHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters) {
        Index index = existing(repositoryId);
        if (index == null) {
            return List.of();
        }
        Map<String, Integer> terms = Terms.frequencies(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        terms.keySet().forEach(t -> b.add(new TermQuery(new Term(CONTENT, t)), BooleanClause.Occur.SHOULD));
        Query filter = filter(filters);
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        return search(index, b.build(), k);
    }

    private static List<SearchHit> search(Index index, Query query, int k) {
        try {
            index.searchers().maybeRefreshBlocking();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                TopDocs top = searcher.search(query, k);
                List<SearchHit> hits = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = stored.document(sd.doc);
                    org.apache.lucene.util.BytesRef meta = d.getBinaryValue(METADATA);
                    hits.add(new SearchHit(d.get(ID), sd.score, d.get(CONTENT), Json.MAPPER.readValue(meta.bytes,
                            meta.offset, meta.length, MAP)));
                }
                return hits;
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long count(String repositoryId) {
        Index index = existing(repositoryId);
        if (index == null) {
            return 0;
        }
        try {
            index.searchers().maybeRefreshBlocking();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                return searcher.count(new MatchAllDocsQuery());
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every point id in a repository's index, for tests and audits. */
    public List<String> ids(String repositoryId) {
        Index index = existing(repositoryId);
        if (index == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try {
            index.searchers().maybeRefreshBlocking();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                TopDocs all = searcher.search(new MatchAllDocsQuery(), Math.max(1, searcher.getIndexReader().numDocs()));
                var stored = searcher.storedFields();
                for (ScoreDoc sd : all.scoreDocs) {
                    ids.add(stored.document(sd.doc, java.util.Set.of(ID)).get(ID));
                }
            } finally {
                index.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    @Override
    public boolean ping() {
        return Files.isDirectory(root) || root.getParent() == null || Files.isWritable(root.getParent());
    }

    @Override
    public void close() {
        Map<String, Index> copy = new HashMap<>(indexes);
        indexes.clear();
        for (Index index : copy.values()) {
            try {
                index.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
