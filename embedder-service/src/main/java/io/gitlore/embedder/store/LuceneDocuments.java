package io.gitlore.embedder.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;

import io.gitlore.contracts.serde.Json;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a point is laid out in the {@link LuceneVectorStore}: id, vector (HNSW, cosine), the text for BM25, the
 * metadata as stored JSON, and the keyword and time fields filters run on; the filters as a Lucene query; and reads
 * of documents back as hits.
 */
final class LuceneDocuments {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String CONTENT = "content";
    static final String METADATA = "metadata";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private LuceneDocuments() {
    }

    static Document document(VectorPoint p) {
        Document doc = new Document();
        doc.add(new StringField(ID, p.id(), Field.Store.YES));
        if (p.vector() != null) {
            doc.add(new KnnFloatVectorField(VECTOR, p.vector(), VectorSimilarityFunction.COSINE));
        }
        doc.add(new TextField(CONTENT, p.content(), Field.Store.YES));
        doc.add(new StoredField(METADATA, new BytesRef(Json.write(p.metadata()))));
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

    /** The top {@code k} documents of a query on a fresh searcher, as hits with their stored content and metadata. */
    static List<PointHit> search(SearcherManager searchers, Query query, int k) {
        return read(searchers, searcher -> {
            TopDocs top = searcher.search(query, Math.max(1, k));
            List<PointHit> hits = new ArrayList<>(top.scoreDocs.length);
            var stored = searcher.storedFields();
            for (ScoreDoc sd : top.scoreDocs) {
                Document d = stored.document(sd.doc);
                BytesRef meta = d.getBinaryValue(METADATA);
                hits.add(new PointHit(d.get(ID), sd.score, d.get(CONTENT), Json.MAPPER.readValue(meta.bytes,
                        meta.offset, meta.length, MAP)));
            }
            return hits;
        });
    }

    /** The ids of every document a query matches. */
    static List<String> ids(SearcherManager searchers, Query query) {
        return read(searchers, searcher -> {
            TopDocs all = searcher.search(query, Math.max(1, searcher.getIndexReader().numDocs()));
            var stored = searcher.storedFields();
            List<String> ids = new ArrayList<>(all.scoreDocs.length);
            for (ScoreDoc sd : all.scoreDocs) {
                ids.add(stored.document(sd.doc, Set.of(ID)).get(ID));
            }
            return ids;
        });
    }

    /** A read on a fresh searcher (every acknowledged write is visible). */
    static <T> T read(SearcherManager searchers, SearcherCall<T> call) {
        try {
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface SearcherCall<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    static String filterField(String key) {
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
}
