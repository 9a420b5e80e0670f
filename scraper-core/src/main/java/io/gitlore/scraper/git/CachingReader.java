package io.gitlore.scraper.git;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A JGit reader that keeps recently read trees and blobs inflated, in a byte-bounded cache shared by the diff
 * workers (each worker still has its own reader, as JGit readers are not thread-safe).
 *
 * <p>A scrape reads most objects twice: a commit's trees are its child's parent trees, a file version read as the
 * new side of one change is the old side of the next, and rename detection reads the blobs the diff reads next.
 * git's own log reads them twice as well; here the second read is a lookup.
 */
final class CachingReader extends ObjectReader.Filter {

    /** The cache the workers share; objects over 1 MB are not kept. */
    static final class Cache {
        private static final int MAX_OBJECT = 1 << 20;
        private final long budget;
        private final LinkedHashMap<ObjectId, ObjectLoader.SmallObject> objects =
                new LinkedHashMap<>(1024, 0.75f, true);
        private long bytes;

        Cache(long budget) {
            this.budget = budget;
        }

        synchronized ObjectLoader.SmallObject get(AnyObjectId id) {
            return objects.get(id);
        }

        synchronized void put(ObjectId id, ObjectLoader.SmallObject object) {
            ObjectLoader.SmallObject old = objects.put(id, object);
            bytes += object.getSize() - (old == null ? 0 : old.getSize());
            var eldest = objects.entrySet().iterator();
            while (bytes > budget && eldest.hasNext()) {
                Map.Entry<ObjectId, ObjectLoader.SmallObject> e = eldest.next();
                bytes -= e.getValue().getSize();
                eldest.remove();
            }
        }
    }

    private final ObjectReader delegate;
    private final Cache cache;

    CachingReader(ObjectReader delegate, Cache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    protected ObjectReader delegate() {
        return delegate;
    }

    @Override
    public ObjectReader newReader() {
        return new CachingReader(delegate.newReader(), cache);
    }

    @Override
    public ObjectLoader open(AnyObjectId objectId) throws IOException {
        return open(objectId, OBJ_ANY);
    }

    @Override
    public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
        ObjectLoader.SmallObject cached = cache.get(objectId);
        if (cached != null && (typeHint == OBJ_ANY || typeHint == cached.getType())) {
            return cached;
        }
        ObjectLoader loader = delegate.open(objectId, typeHint);
        int type = loader.getType();
        if ((type == Constants.OBJ_TREE || type == Constants.OBJ_BLOB) && !loader.isLarge()
                && loader.getSize() <= Cache.MAX_OBJECT) {
            ObjectLoader.SmallObject small = new ObjectLoader.SmallObject(type, loader.getCachedBytes());
            cache.put(objectId.copy(), small);
            return small;
        }
        return loader;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
