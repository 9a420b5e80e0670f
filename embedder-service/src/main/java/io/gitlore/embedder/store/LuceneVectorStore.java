package io.gitlore.embedder.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.embedder.text.CodeAnalyzer;
import io.gitlore.embedder.text.Terms;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded default store: one Lucene index per repository under {@code <data>/index/<repo-id>/}, holding each
 * point's vector in an HNSW graph ({@link org.apache.lucene.document.KnnFloatVectorField}, cosine; a point stored
 * text first has none until its vector is written, and KNN search skips it), its text in a BM25 field analysed for
 * code, and its metadata as filterable fields. Every upsert is committed before it returns, so an acknowledged chunk
 * survives a crash.
 */
public final class LuceneVectorStore implements VectorStore {

    private static final String ID = LuceneDocuments.ID;
    private static final String VECTOR = LuceneDocuments.VECTOR;
    private static final String CONTENT = LuceneDocuments.CONTENT;
    private static final String DIMENSION = "dimension";

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
                if (p.vector() != null && p.vector().length != index.dimension()) {
                    throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, index.dimension(), p.vector().length));
                }
                index.writer().updateDocument(new Term(ID, p.id()), LuceneDocuments.document(p));
            }
            index.writer().commit();
            if (durable) {
                index.searchers().maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to the Lucene index of " + repositoryId, e);
        }
    }

    @Override
    public List<PointHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters) {
        Index index = existing(repositoryId);
        if (index == null) {
            return List.of();
        }
        if (vector.length != index.dimension()) {
            throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, index.dimension(), vector.length));
        }
        return search(index, new KnnFloatVectorQuery(VECTOR, vector, k, LuceneDocuments.filter(filters)), k);
    }

    @Override
    public List<PointHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters) {
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
        Query filter = LuceneDocuments.filter(filters);
        if (filter != null) {
            b.add(filter, BooleanClause.Occur.FILTER);
        }
        return search(index, b.build(), k);
    }

    private static List<PointHit> search(Index index, Query query, int k) {
        return LuceneDocuments.search(index.searchers(), query, k);
    }

    private static <T> T read(Index index, LuceneDocuments.SearcherCall<T> call) {
        return LuceneDocuments.read(index.searchers(), call);
    }

    private static Query anyOf(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    @Override
    public List<PointHit> get(String repositoryId, Collection<String> ids) {
        Index index = existing(repositoryId);
        return index == null || ids.isEmpty() ? List.of() : search(index, anyOf(ID, ids), ids.size());
    }

    @Override
    public List<PointHit> find(String repositoryId, String field, Collection<String> values, int limit) {
        Index index = existing(repositoryId);
        return index == null || values.isEmpty() ? List.of() : search(index, anyOf(LuceneDocuments.filterField(field), values), limit);
    }

    @Override
    public List<String> ids(String repositoryId, String field, String value) {
        return ids(repositoryId, new TermQuery(new Term(LuceneDocuments.filterField(field), value)));
    }

    @Override
    public void delete(String repositoryId, Collection<String> ids, boolean durable) {
        Index index = existing(repositoryId);
        if (index == null || ids.isEmpty()) {
            return;
        }
        try {
            index.writer().deleteDocuments(anyOf(ID, ids));
            index.writer().commit();
            if (durable) {
                index.searchers().maybeRefreshBlocking();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting from the Lucene index of " + repositoryId, e);
        }
    }

    @Override
    public boolean exists(String repositoryId) {
        return existing(repositoryId) != null;
    }

    @Override
    public long count(String repositoryId) {
        Index index = existing(repositoryId);
        return index == null ? 0 : read(index, searcher -> searcher.count(new MatchAllDocsQuery()));
    }

    /** Every point id in a repository's index, for tests and audits. */
    public List<String> ids(String repositoryId) {
        return ids(repositoryId, new MatchAllDocsQuery());
    }

    private List<String> ids(String repositoryId, Query query) {
        Index index = existing(repositoryId);
        return index == null ? List.of() : LuceneDocuments.ids(index.searchers(), query);
    }

    /** Documents without the vector field: the points stored text first whose vector has not been written yet. */
    @Override
    public List<PointHit> pending(String repositoryId) {
        Index index = existing(repositoryId);
        if (index == null) {
            return List.of();
        }
        Query withoutVector = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(VECTOR), BooleanClause.Occur.MUST_NOT).build();
        return search(index, withoutVector, read(index, s -> s.getIndexReader().numDocs()));
    }

    @Override
    public List<String> repositories() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(this::exists)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + root, e);
        }
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
