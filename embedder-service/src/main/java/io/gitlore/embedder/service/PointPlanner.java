package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.text.ChunkText;
import io.gitlore.embedder.text.TextParts;
import io.gitlore.embedder.text.UnitKeys;

/**
 * Decides the points a chunk becomes, sized with the model's own tokenizer. A snapshot chunk is its unit's current
 * code: one point per part that fits the model (an overlong unit is cut at line ends, never silently truncated), with
 * ids from the unit's id, so every run puts the same code on the same points. A commit's chunk is one point holding
 * what the commit changed, cut to the change budget, with the chunk's id.
 */
final class PointPlanner {

    /** One point to be: its id, text, metadata, and for a change the key near-duplicate changes share. */
    record Planned(String id, String text, Map<String, Object> metadata, String nearKey, boolean current) {
        String textHash() {
            return (String) metadata.get(Payloads.TEXT_HASH);
        }
    }

    private final TextEmbedder embedder;
    private final int changeMaxTokens;

    PointPlanner(TextEmbedder embedder, int changeMaxTokens) {
        this.embedder = embedder;
        this.changeMaxTokens = Math.min(changeMaxTokens, embedder.spec().maxTokens());
    }

    /** The points of one chunk whose unit has id {@code unitId}; counts parts and cut changes into {@code job}. */
    List<Planned> plan(ChunkRecord chunk, String code, String unitId, JobStats job) {
        return chunk.snapshot() ? version(chunk, code, unitId, job) : List.of(change(chunk, code, unitId, job));
    }

    private List<Planned> version(ChunkRecord chunk, String code, String unitId, JobStats job) {
        String header = ChunkText.header(chunk);
        int budget = embedder.spec().maxTokens() - TextEmbedder.SPECIAL_TOKENS - embedder.tokenStarts(header).length;
        int[] starts = embedder.tokenStarts(code);
        List<TextParts.Part> parts = starts.length <= budget
                ? List.of(new TextParts.Part(code, 0, (int) code.lines().count() - 1))
                : TextParts.split(code, starts, Math.max(1, budget));
        int chunkerPart = UnitKeys.chunkerPart(chunk);
        String key = UnitKeys.key(chunk);
        List<Planned> out = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            TextParts.Part part = parts.get(j);
            String text = ChunkText.version(chunk, part.text());
            int start = chunk.startLine() + part.firstLine();
            int end = Math.max(start, chunk.startLine() + part.lastLine());
            out.add(new Planned(PointIds.of("unit:" + unitId + ":" + chunkerPart + ":" + j), text,
                    Payloads.version(chunk, unitId, key, chunkerPart * 1000 + j, start, end,
                            VectorCache.key(text)), null, true));
        }
        job.versions++;
        job.parts += parts.size() - 1;
        return out;
    }

    private Planned change(ChunkRecord chunk, String code, String unitId, JobStats job) {
        String body = ChunkText.changeBody(chunk, code);
        String text = ChunkText.change(chunk, body);
        int budget = changeMaxTokens - TextEmbedder.SPECIAL_TOKENS;
        int[] starts = embedder.tokenStarts(text);
        if (starts.length > budget) {
            text = cut(text, starts[budget]);
            job.trimmed++;
        }
        job.changes++;
        return new Planned(PointIds.of(chunk.chunkId()), text, Payloads.change(chunk, unitId, UnitKeys.key(chunk),
                ChunkText.deleted(chunk), VectorCache.key(text)), ChunkText.nearKey(chunk, body), false);
    }

    /** The text up to a code point offset, backed off to the last line end when one lies after the subject. */
    private static String cut(String text, int codePoints) {
        String head = text.substring(0, text.offsetByCodePoints(0, codePoints));
        int subjectEnd = text.indexOf('\n', text.indexOf('\n') + 1);
        int lastLine = head.lastIndexOf('\n');
        return lastLine > subjectEnd ? head.substring(0, lastLine + 1) : head;
    }
}
