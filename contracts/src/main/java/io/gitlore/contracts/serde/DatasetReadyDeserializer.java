package io.gitlore.contracts.serde;

import io.gitlore.contracts.dataset.DatasetReady;

/** Reads {@link DatasetReady} records from {@code gitlore.datasets.ready.v1}. */
public class DatasetReadyDeserializer extends JsonDeserializer<DatasetReady> {
    public DatasetReadyDeserializer() {
        super(DatasetReady.class);
    }
}
