package io.gitlore.gateway.context;

import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Packs sections (a unit's heading lines and its code) into one text block within a token budget, counted with
 * GPT-2's r50k_base BPE (JTokkit), in two passes over the rank order: first every heading that fits (so each unit's
 * history and neighbours are in the block before any code), then the code, whole where it fits, else as many leading
 * lines as fit with a line saying how many were left out. A unit whose heading does not fit is left out, and a later,
 * smaller one may still go in. The whole block is counted again at the end, so the budget holds for the text as a
 * model's tokenizer sees it, not only for the sum of its parts.
 */
public final class ContextPacker {

    public static final String TOKENIZER = "r50k_base";
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);

    /** A unit to pack: its heading (markdown lines ending in a newline) and its code, fenced with its language. */
    public record Section(String heading, String code, String language) {

        List<String> lines() {
            return code == null || code.isBlank() ? List.of() : code.lines().toList();
        }
    }

    /** The block, its token count, and per section its tokens (0 when left out) and whether its code was cut. */
    public record Packed(String text, int tokens, List<Integer> sectionTokens, List<Boolean> truncated, int omitted) {
    }

    public static int count(String text) {
        return ENCODING.countTokens(text);
    }

    public Packed pack(String preamble, List<Section> sections, int budget) {
        int n = sections.size();
        String[] chosen = new String[n];
        int[] cost = new int[n];
        boolean[] cut = new boolean[n];
        int used = count(preamble);
        int omitted = 0;
        for (int i = 0; i < n; i++) {
            // The least a unit can be: its heading, and a note for code that did not fit.
            Section section = sections.get(i);
            String least = render(section, List.of(), section.lines().size());
            int c = count(least);
            if (used + c <= budget) {
                chosen[i] = least;
                cost[i] = c;
                cut[i] = !section.lines().isEmpty();
                used += c;
            } else {
                omitted++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (chosen[i] == null || !cut[i]) {
                continue;
            }
            String better = largestFitting(sections.get(i), cost[i] + budget - used);
            if (better != null) {
                int c = count(better);
                used += c - cost[i];
                chosen[i] = better;
                cost[i] = c;
                cut[i] = better.contains(LEFT_OUT);
            }
        }
        StringBuilder text = new StringBuilder(preamble);
        List<Integer> tokens = new ArrayList<>();
        List<Boolean> truncated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (chosen[i] != null) {
                text.append(chosen[i]);
            }
            tokens.add(chosen[i] == null ? 0 : cost[i]);
            truncated.add(chosen[i] != null && cut[i]);
        }
        String block = text.toString();
        int total = count(block);
        while (total > budget && block.contains("\n")) {
            // Tokens can merge differently across the joins; cut whole lines off the end until the block fits.
            block = block.substring(0, block.lastIndexOf('\n', block.length() - 2) + 1);
            total = count(block);
        }
        return new Packed(block, total, tokens, truncated, omitted);
    }

    private static final String LEFT_OUT = " of code left out for the token budget)";

    /** The section with all of its code if that fits {@code room} tokens, else the most leading lines that do. */
    private static String largestFitting(Section section, int room) {
        List<String> lines = section.lines();
        String whole = render(section, lines, 0);
        if (count(whole) <= room) {
            return whole;
        }
        int low = 0;
        int high = lines.size() - 1;
        String best = null;
        while (low <= high) {
            int mid = (low + high) / 2;
            String candidate = render(section, lines.subList(0, mid), lines.size() - mid);
            if (count(candidate) <= room) {
                best = candidate;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    /** The section's text: heading, then the code lines fenced, then how many lines were left out (if any). */
    private static String render(Section section, List<String> code, int cut) {
        StringBuilder out = new StringBuilder("\n").append(section.heading());
        if (!code.isEmpty()) {
            out.append("```").append(section.language() == null ? "" : section.language()).append('\n');
            code.forEach(line -> out.append(line).append('\n'));
            out.append("```\n");
        }
        if (cut > 0) {
            out.append("(").append(cut).append(cut == 1 ? " more line" : " more lines").append(LEFT_OUT)
                    .append('\n');
        }
        return out.toString();
    }
}
