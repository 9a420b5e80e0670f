package io.gitlore.contracts.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim-check store: content-addressed paths, write-once, atomic under concurrent writers, clear errors. */
class BlobStoreTest {

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path data;

    @Test
    void contentIsStoredUnderItsSha256InATwoHexFanOut() throws IOException {
        BlobStore store = new BlobStore(data);

        BlobRef ref = store.put(bytes("abc"));

        assertEquals(new BlobRef(ABC_SHA256, 3), ref);
        Path file = data.resolve("blobs").resolve("ba").resolve(ABC_SHA256);
        assertEquals(file, store.path(ref.id()));
        assertArrayEquals(bytes("abc"), Files.readAllBytes(file));
        assertArrayEquals(bytes("abc"), store.get(ref));
        assertTrue(store.contains(ABC_SHA256));
    }

    @Test
    void aGitBlobIdIsAcceptedAsTheKey() {
        BlobStore store = new BlobStore(data);
        String gitBlobId = "f2ba8f84ab5c1bce84a7b441cb1959cfc7093b7f"; // `git hash-object` of "abc"

        BlobRef ref = store.put(gitBlobId, bytes("abc"));

        assertEquals(new BlobRef(gitBlobId, 3), ref);
        assertArrayEquals(bytes("abc"), store.get(ref));
    }

    @Test
    void aSecondPutOfAnIdKeepsTheFirstContent() {
        BlobStore store = new BlobStore(data);
        String id = BlobStore.sha256(bytes("first"));

        store.put(id, bytes("first"));
        store.put(id, bytes("second"));

        assertArrayEquals(bytes("first"), store.get(new BlobRef(id, 5)));
    }

    @Test
    void concurrentWritersOfTheSameBlobLeaveOneCompleteFileAndNoTemporaries() throws Exception {
        BlobStore store = new BlobStore(data);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 10; round++) {
                byte[] content = randomBytes(1 << 20, round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<BlobRef>> refs = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    refs.add(pool.submit(() -> {
                        start.await();
                        return store.put(content);
                    }));
                }
                start.countDown();

                Set<BlobRef> distinct = new HashSet<>();
                for (Future<BlobRef> ref : refs) {
                    distinct.add(ref.get(30, TimeUnit.SECONDS));
                }
                assertEquals(Set.of(new BlobRef(BlobStore.sha256(content), content.length)), distinct);
                assertArrayEquals(content, store.get(distinct.iterator().next()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, filesUnder(data.resolve("blobs")).size(), "one file per blob, no temporaries");
    }

    @Test
    void aReaderNeverSeesAPartlyWrittenBlob() throws Exception {
        BlobStore store = new BlobStore(data);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contents.add(randomBytes(1 << 20, 100 + i));
        }
        List<String> ids = contents.stream().map(BlobStore::sha256).toList();
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        Set<String> seenWhileWriting = new HashSet<>();

        Thread reader = new Thread(() -> {
            while (writing.get()) {
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    if (store.contains(id)) {
                        byte[] read = store.get(new BlobRef(id, contents.get(i).length));
                        if (read.length != contents.get(i).length || !BlobStore.sha256(read).equals(id)) {
                            torn.add(id + " (" + read.length + " bytes)");
                        }
                        seenWhileWriting.add(id);
                    }
                }
            }
        });
        reader.start();
        contents.forEach(store::put);
        writing.set(false);
        reader.join(TimeUnit.SECONDS.toMillis(30));

        assertEquals(List.of(), List.copyOf(torn));
        assertFalse(seenWhileWriting.isEmpty(), "the reader ran while blobs were being written");
    }

    @Test
    void aMissingBlobFailsWithItsIdAndTheStore() {
        BlobStore store = new BlobStore(data);
        BlobRef missing = new BlobRef(ABC_SHA256, 3);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.get(missing));

        assertEquals("Blob " + ABC_SHA256 + " is not in " + data.resolve("blobs"), e.getMessage());
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertFalse(store.contains(ABC_SHA256));
    }

    @Test
    void anIdThatIsNotHexNeverBecomesAPath() {
        BlobStore store = new BlobStore(data);

        for (String id : List.of("../../etc/passwd", ABC_SHA256.toUpperCase(), ABC_SHA256.substring(1), "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.path(id));
            assertTrue(e.getMessage().startsWith("Not a blob id"), e.getMessage());
        }
    }

    @Test
    void aStoreThatCannotBeWrittenSaysWhichBlobAndWhere() throws IOException {
        Path notADirectory = Files.writeString(data.resolve("file"), "in the way");
        BlobStore store = new BlobStore(notADirectory);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.put(bytes("abc")));

        assertEquals("Could not write blob " + ABC_SHA256 + " under " + notADirectory.resolve("blobs"),
                e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
