package io.gitlore.gateway.context;

import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Packs sections (a unit's heading lines and its code) into one text block within a token budget, counted with
 * GPT-2's r50k_base BPE (JTokkit): sections go in rank order; one that does not fit whole goes in with as many
 * leading lines of its code as fit (and a line saying how many were cut); one whose heading alone does not fit is
 * left out, and later, smaller ones may still go in. The whole block is counted again at the end, so the budget
 * holds for the text as a model's tokenizer sees it, not only for the sum of its parts.
 */
public final class ContextPacker {

    public static final String TOKENIZER = "r50k_base";
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);

    /** A unit to pack: its heading (markdown lines ending in a newline) and its code, fenced with its language. */
    public record Section(String heading, String code, String language) {
    }

    /** The block, its token count, and per section its tokens (0 when left out) and whether its code was cut. */
    public record Packed(String text, int tokens, List<Integer> sectionTokens, List<Boolean> truncated, int omitted) {
    }

    public static int count(String text) {
        return ENCODING.countTokens(text);
    }

    public Packed pack(String preamble, List<Section> sections, int budget) {
        StringBuilder text = new StringBuilder(preamble);
        int used = count(preamble);
        List<Integer> tokens = new ArrayList<>();
        List<Boolean> truncated = new ArrayList<>();
        int omitted = 0;
        for (Section section : sections) {
            String whole = render(section, section.code() == null ? List.of() : section.code().lines().toList(), -1);
            int cost = count(whole);
            boolean cut = false;
            if (used + cost > budget) {
                whole = largestFitting(section, budget - used);
                cost = whole == null ? 0 : count(whole);
                cut = whole != null;
            }
            if (whole == null) {
                omitted++;
                tokens.add(0);
                truncated.add(false);
                continue;
            }
            text.append(whole);
            used += cost;
            tokens.add(cost);
            truncated.add(cut);
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

    /** The section with the most leading code lines that fit {@code room} tokens, or null if not even the heading. */
    private static String largestFitting(Section section, int room) {
        List<String> lines = section.code() == null ? List.of() : section.code().lines().toList();
        String headingOnly = render(section, List.of(), lines.size());
        if (count(headingOnly) > room) {
            return null;
        }
        int low = 0;
        int high = lines.size();
        String best = headingOnly;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            String candidate = render(section, lines.subList(0, mid), lines.size() - mid);
            if (count(candidate) <= room) {
                best = candidate;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return best;
    }

    /** The section's text: heading, then the code lines fenced ({@code cut} lines left out: said so; -1: none). */
    private static String render(Section section, List<String> code, int cut) {
        StringBuilder out = new StringBuilder("\n").append(section.heading());
        if (!code.isEmpty()) {
            out.append("```").append(section.language() == null ? "" : section.language()).append('\n');
            code.forEach(line -> out.append(line).append('\n'));
            out.append("```\n");
        }
        if (cut > 0) {
            out.append("(").append(cut).append(cut == 1 ? " more line" : " more lines").append(" of code left out "
                    + "for the token budget)\n");
        }
        return out.toString();
    }
}
