package io.gitlore.embedder.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Resolves a {@link ModelSpec} to files on disk: user-supplied paths as they are, built-in models copied once out of
 * their Maven jar under {@code <data>/models/<id>/} (ONNX Runtime and the tokenizer both want files, and nothing is
 * ever downloaded).
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public record Resolved(Path onnx, Path tokenizer) {
    }

    public static Resolved resolve(ModelSpec spec, Path dataDir) {
        if (spec.resourcePrefix() == null) {
            return new Resolved(requireFile(spec.onnxPath(), "ONNX model"), requireFile(spec.tokenizerPath(),
                    "tokenizer.json"));
        }
        Path dir = dataDir.resolve("models").resolve(spec.id());
        return new Resolved(extract(spec.resourcePrefix() + ".onnx", dir.resolve("model.onnx")),
                extract(spec.resourcePrefix() + "-tokenizer.json", dir.resolve("tokenizer.json")));
    }

    private static Path requireFile(Path path, String what) {
        if (path == null || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " not found: " + path);
        }
        return path;
    }

    private static Path extract(String resource, Path target) {
        URL url = ModelFiles.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("built-in model file '" + resource + "' is not on the class path: the "
                    + "langchain4j-embeddings jar that carries it is missing from this build");
        }
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            // Atomic rename: a crash mid-copy never leaves a truncated model that a later run would trust.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting " + resource + " to " + target, e);
        }
    }
}
