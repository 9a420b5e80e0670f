package io.gitlore.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Holds each layer's keys and values of the positions generated so far, so a new token costs one position instead
 * of the whole prefix; the arrays outlive the per-token scopes and are closed with the cache.
 */
public final class KvCache implements AutoCloseable {

    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    public KvCache(int layers) {
        keys = new NDArray[layers];
        values = new NDArray[layers];
    }

    public int length() {
        return length;
    }

    NDArray appendKeys(int layer, NDArray k) {
        keys[layer] = append(keys[layer], k);
        return keys[layer];
    }

    NDArray appendValues(int layer, NDArray v) {
        values[layer] = append(values[layer], v);
        return values[layer];
    }

    private static NDArray append(NDArray cached, NDArray fresh) {
        NDArray joined = cached == null ? fresh.duplicate() : cached.concat(fresh, 2);
        NDScope.unregister(joined);
        if (cached != null) {
            cached.close();
        }
        return joined;
    }

    void advance(int positions) {
        length += positions;
    }

    @Override
    public void close() {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                keys[i].close();
                values[i].close();
            }
        }
    }
}
