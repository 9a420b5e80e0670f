package io.gitlore.tokenizer.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converted GPT-2 tokenizer through DJL: the same ids as the reference encoder, and lossless on code. */
class CodeTokenizerTest {

    @TempDir
    static Path tmp;

    static CodeTokenizer tokenizer;
    static Encoding reference;

    static final List<String> SAMPLES = List.of(
            "pub fn add(a: u64, b: u64) -> u64 {\n    a.checked_add(b).expect(\"overflow\")\n}\n",
            "def load(path):\n\twith open(path) as f:\n\t\treturn f.read()  # tabs\n",
            "line one\r\nline two\r\n\r\n",
            "emoji 🚀 and ünïcødé, 中文, ‍👩‍💻 joined\n",
            "    \n\n\t\t  trailing spaces   \n",
            "x".repeat(5000),
            "");

    @BeforeAll
    static void load() {
        tokenizer = CodeTokenizer.gpt2(tmp.resolve("tokenizer.json"));
        reference = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void idsEqualTheReferenceGpt2Encoder() {
        for (String text : SAMPLES) {
            IntArrayList expected = reference.encodeOrdinary(text);
            long[] want = new long[expected.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = expected.get(i);
            }
            assertArrayEquals(want, tokenizer.encode(text), "ids of " + text.substring(0, Math.min(20, text.length())));
        }
    }

    @Test
    void decodeOfEncodeIsTheTextForEveryJavaAndShellFileOfThisRepository() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> p.toString().matches(".*\\.(java|sh|md|xml|properties|yml)$"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.data/")).toList()) {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                assertEquals(text, tokenizer.decode(tokenizer.encode(text)), p.toString());
                files++;
            }
        }
        assertTrue(files > 50, "round-tripped " + files + " files");
        for (String text : SAMPLES) {
            assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
        }
    }

    @Test
    void structuralTokensAreSingleSpecialIds() {
        long[] ids = tokenizer.encode("<|commit|><|file|>src/lib.rs<|code|>fn x() {}<|/code|><|/file|><|/commit|>");
        assertEquals(50257, ids[0], "<|commit|> follows <|endoftext|> (50256)");
        assertEquals(50259, ids[1]);
        assertEquals("<|commit|><|file|>src/lib.rs<|code|>fn x() {}<|/code|><|/file|><|/commit|>",
                tokenizer.decode(ids));
        assertEquals(1, tokenizer.encode("<|/code|>").length);
    }

    @Test
    void aMissingOrMalformedTokenizerFailsWithThePathAndTheReason() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> CodeTokenizer.load(tmp.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("nope.json") && missing.getMessage().contains("does not exist"));
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"model\": 42}");
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> CodeTokenizer.load(broken));
        assertTrue(malformed.getMessage().contains("broken.json") && malformed.getMessage().contains("cannot be loaded"),
                malformed.getMessage());
    }
}
