package io.gitlore.chunker.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A bounded map that evicts its least recently used entry, optionally handing the evicted value to a callback (to
 * free native memory). Not thread-safe: each chunking thread owns its caches.
 */
public final class Lru<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;
    private final Consumer<V> onEvict;

    public Lru(int capacity) {
        this(capacity, v -> {
        });
    }

    public Lru(int capacity, Consumer<V> onEvict) {
        super(Math.min(capacity, 1024), 0.75f, true);
        this.capacity = capacity;
        this.onEvict = onEvict;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() > capacity) {
            onEvict.accept(eldest.getValue());
            return true;
        }
        return false;
    }
}
