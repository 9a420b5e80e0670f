package io.gitlore.embedder.store;

import java.util.List;
import java.util.Map;

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
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a point is laid out in the {@link LuceneVectorStore}: id, vector (HNSW, cosine), the text for BM25, the
 * metadata as stored JSON, and the keyword and time fields filters run on; and the filters as a Lucene query.
 */
final class LuceneDocuments {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String CONTENT = "content";
    static final String METADATA = "metadata";

    private LuceneDocuments() {
    }

    static Document document(VectorPoint p) {
        Document doc = new Document();
        doc.add(new StringField(ID, p.id(), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, p.vector(), VectorSimilarityFunction.COSINE));
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
