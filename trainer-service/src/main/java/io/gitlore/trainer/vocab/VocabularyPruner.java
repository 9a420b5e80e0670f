package io.gitlore.trainer.vocab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gitlore.contracts.serde.Json;

/**
 * Takes a byte-level BPE {@code tokenizer.json} and the ids a dataset uses, gives a smaller tokenizer that encodes
 * that dataset's text to the same tokens: the used tokens, every token their merges pass through, the byte alphabet
 * and the special tokens, renumbered in the original order, with only the merges that build a kept token. BPE picks
 * the lowest-ranked applicable merge, and every merge the full tokenizer applies to the dataset's text is kept, so the
 * pruned tokenizer makes the same choices on that text; other text still encodes losslessly, in smaller pieces.
 */
public final class VocabularyPruner {

    private VocabularyPruner() {
    }

    /** The pruned tokenizer and the id maps both ways. */
    public record Pruned(ObjectNode tokenizerJson, int[] oldToNew, int[] newToOld) {
        public int size() {
            return newToOld.length;
        }
    }

    public static Pruned prune(Path tokenizerJson, BitSet usedIds) throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(tokenizerJson.toFile());
        JsonNode model = json.path("model");
        if (!"BPE".equals(model.path("type").asText()) || !model.path("vocab").isObject()) {
            throw new IllegalArgumentException(tokenizerJson + " is not a BPE tokenizer.json; its vocabulary cannot be pruned");
        }
        Map<String, Integer> vocab = new HashMap<>();
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
            size = Math.max(size, e.getValue().asInt() + 1);
        }
        String[] byId = new String[size];
        vocab.forEach((token, id) -> byId[id] = token);
        List<String[]> merges = new ArrayList<>();
        Map<String, List<String[]>> madeBy = new HashMap<>();
        for (JsonNode m : model.path("merges")) {
            String[] pair = m.isArray() ? new String[] {m.get(0).asText(), m.get(1).asText()} : m.asText().split(" ", 2);
            merges.add(pair);
            madeBy.computeIfAbsent(pair[0] + pair[1], k -> new ArrayList<>()).add(pair);
        }
        int total = size;
        for (JsonNode added : json.path("added_tokens")) {
            total = Math.max(total, added.path("id").asInt() + 1);
        }
        BitSet kept = new BitSet(total);
        Deque<String> work = new ArrayDeque<>();
        for (int id = 0; id < size; id++) {
            if (byId[id] != null && (usedIds.get(id) || !madeBy.containsKey(byId[id]))) {
                kept.set(id);
                work.add(byId[id]);
            }
        }
        while (!work.isEmpty()) {
            for (String[] pair : madeBy.getOrDefault(work.poll(), List.of())) {
                for (String part : pair) {
                    Integer id = vocab.get(part);
                    if (id != null && !kept.get(id)) {
                        kept.set(id);
                        work.add(part);
                    }
                }
            }
        }
        for (JsonNode added : json.path("added_tokens")) {
            kept.set(added.path("id").asInt());
        }
        int[] oldToNew = new int[total];
        java.util.Arrays.fill(oldToNew, -1);
        int[] newToOld = new int[kept.cardinality()];
        int next = 0;
        for (int id = kept.nextSetBit(0); id >= 0; id = kept.nextSetBit(id + 1)) {
            oldToNew[id] = next;
            newToOld[next++] = id;
        }
        ObjectNode newVocab = Json.MAPPER.createObjectNode();
        for (int id = 0; id < size; id++) {
            if (byId[id] != null && kept.get(id)) {
                newVocab.put(byId[id], oldToNew[id]);
            }
        }
        ArrayNode newMerges = Json.MAPPER.createArrayNode();
        for (String[] pair : merges) {
            Integer result = vocab.get(pair[0] + pair[1]);
            if (result != null && kept.get(result)) {
                newMerges.add(pair[0] + " " + pair[1]);
            }
        }
        ((ObjectNode) json.get("model")).set("vocab", newVocab);
        ((ObjectNode) json.get("model")).set("merges", newMerges);
        for (JsonNode added : json.path("added_tokens")) {
            ((ObjectNode) added).put("id", oldToNew[added.path("id").asInt()]);
        }
        return new Pruned(json, oldToNew, newToOld);
    }
}
