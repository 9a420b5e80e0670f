package io.gitlore.trainer.service;

import java.util.List;

/**
 * Takes the text a generation has decoded so far, after each new token, and gives the piece that is safe to stream:
 * never text from a stop sequence on, and never an ending that could still become the start of one (it is held
 * back until the next tokens show it is not, or the generation ends); an unfinished multi-byte character waits too.
 */
final class CompletionText {

    private final List<String> stops;
    private final StringBuilder sent = new StringBuilder();
    private String latest = "";
    private boolean stopped;

    /** Empty stop sequences are ignored (they would end every generation before its first token). */
    CompletionText(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** The whole decoded text so far; gives the new piece to send, possibly empty. */
    String accept(String decoded) {
        if (stopped || decoded.endsWith("\uFFFD")) {
            return "";
        }
        latest = decoded;
        int at = -1;
        for (String stop : stops) {
            int i = decoded.indexOf(stop);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        if (at >= 0) {
            stopped = true;
            return advance(decoded.substring(0, at));
        }
        return advance(decoded.substring(0, decoded.length() - heldBack(decoded)));
    }

    /** At the end of a generation: what was held back, since no stop sequence can complete any more. */
    String finish() {
        return stopped ? "" : advance(latest);
    }

    /** True once a stop sequence appeared: the generation should end. */
    boolean stopped() {
        return stopped;
    }

    /** Everything sent: the completion. */
    String text() {
        return sent.toString();
    }

    /** The longest ending of {@code text} that is a proper start of some stop sequence. */
    private int heldBack(String text) {
        int longest = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length()); k > longest; k--) {
                if (text.regionMatches(text.length() - k, stop, 0, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }

    private String advance(String safe) {
        // Decoding more tokens can in rare cases rewrite earlier text; then wait until it extends what was sent.
        if (safe.length() <= sent.length() || !safe.startsWith(sent.toString())) {
            return "";
        }
        String piece = safe.substring(sent.length());
        sent.append(piece);
        return piece;
    }
}
