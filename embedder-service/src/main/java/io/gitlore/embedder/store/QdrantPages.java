package io.gitlore.embedder.store;

import java.util.function.Consumer;
import java.util.function.Function;

import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;

/** Pages a Qdrant scroll: takes a filter and a page call, hands every matching point to a sink up to a limit. */
final class QdrantPages {

    /** Qdrant's own default page is 10; a larger page saves round trips on a collection of hundreds of thousands. */
    static final int PAGE = 1000;

    private QdrantPages() {
    }

    static void scroll(String collection, Filter filter, int limit, boolean payload, Consumer<RetrievedPoint> sink,
                       Function<ScrollPoints, ScrollResponse> page) {
        PointId offset = null;
        int seen = 0;
        do {
            ScrollPoints.Builder request = ScrollPoints.newBuilder().setCollectionName(collection).setFilter(filter)
                    .setLimit(Math.min(PAGE, limit - seen))
                    .setWithPayload(WithPayloadSelectorFactory.enable(payload));
            if (offset != null) {
                request.setOffset(offset);
            }
            ScrollResponse response = page.apply(request.build());
            response.getResultList().forEach(sink);
            seen += response.getResultCount();
            offset = response.hasNextPageOffset() ? response.getNextPageOffset() : null;
        } while (offset != null && seen < limit);
    }
}
