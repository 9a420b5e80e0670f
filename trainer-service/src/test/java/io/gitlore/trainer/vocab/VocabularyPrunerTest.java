package io.gitlore.trainer.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import io.gitlore.contracts.serde.Json;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pruned tokenizer against the full GPT-2 one (HF tokenizers through DJL, the tokenizer stage's own). */
class VocabularyPrunerTest {

    @TempDir
    Path tmp;

    @Test
    void thePrunedTokenizerEncodesTheDatasetTextToTheSameTokensAndAnyTextLosslessly() throws Exception {
        List<String> corpus = List.of(Files.readString(Path.of("src/main/java/io/gitlore/trainer/model/GptModel.java")),
                Files.readString(Path.of("src/main/java/io/gitlore/trainer/training/TrainingLoop.java")),
                "<|commit|>fix: überprüfe die Länge 🚀<|/commit|>\n\tfn main() { println!(\"{}\", 42); }\n");
        try (CodeTokenizer full = CodeTokenizer.gpt2(tmp.resolve("gpt2.json"))) {
            BitSet used = new BitSet();
            for (String text : corpus) {
                for (long id : full.encode(text)) {
                    used.set((int) id);
                }
            }
            VocabularyPruner.Pruned pruned = VocabularyPruner.prune(full.path(), used);
            Path prunedFile = tmp.resolve("pruned.json");
            Json.MAPPER.writeValue(prunedFile.toFile(), pruned.tokenizerJson());
            assertTrue(pruned.size() < 5_000 && pruned.size() > used.cardinality(), "size " + pruned.size());
            try (CodeTokenizer small = CodeTokenizer.load(prunedFile)) {
                assertEquals(pruned.size(), small.vocabularySize());
                for (String text : corpus) {
                    long[] ids = full.encode(text);
                    long[] mapped = new long[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        mapped[i] = pruned.oldToNew()[(int) ids[i]];
                    }
                    assertArrayEquals(mapped, small.encode(text), "same tokens, renumbered");
                    assertEquals(text, small.decode(small.encode(text)));
                }
                String unseen = "SELECT * FROM zebra_quokka WHERE ξ > 3; -- ⌘ never in the corpus";
                assertEquals(unseen, small.decode(small.encode(unseen)), "text outside the dataset stays lossless");
            }
        }
    }
}
