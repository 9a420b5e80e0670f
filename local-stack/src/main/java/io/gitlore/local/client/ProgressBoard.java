package io.gitlore.local.client;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;

/**
 * Per-stage progress bars in the terminal: consumes a job's events, produces one line per stage, redrawn in place
 * on a terminal (ANSI cursor movement) and printed as plain lines at each state change and every tenth otherwise
 * (a log file or CI stays readable).
 */
public final class ProgressBoard {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private boolean drawn;

    public ProgressBoard(PrintStream out, boolean terminal, List<String> stages) {
        this.out = out;
        this.terminal = terminal;
        stages.forEach(stage -> lines.put(stage, new Line()));
    }

    /** Takes one event and redraws (or prints) its stage. */
    public synchronized void accept(JobEvent event) {
        Line line = lines.computeIfAbsent(event.stage(), s -> new Line());
        int decileBefore = line.decile();
        JobEventType before = line.type;
        line.type = event.type();
        if (event.total() > 0) {
            line.total = event.total();
        }
        if (event.done() >= 0) {
            line.done = event.done();
        }
        line.message = event.message();
        // The embedder says when the job's text is searchable and, while vectors fill in behind, when they will be done.
        if (Boolean.TRUE.equals(event.details().get("searchable"))) {
            line.searchable = true;
        }
        line.eta = event.details().get("etaSeconds") instanceof Number n && event.type() == JobEventType.PROGRESS
                ? n.longValue() : -1;
        if (terminal) {
            redraw();
        } else if (before != line.type || line.decile() != decileBefore) {
            out.println(render(event.stage(), line));
        }
    }

    private void redraw() {
        if (drawn) {
            out.print("\033[" + lines.size() + "A");
        }
        lines.forEach((stage, line) -> out.print("\r\033[2K" + render(stage, line) + "\n"));
        out.flush();
        drawn = true;
    }

    static String render(String stage, Line line) {
        String state = line.type == null ? "waiting" : line.type.name().toLowerCase();
        StringBuilder s = new StringBuilder(String.format("%-9s ", stage));
        if (line.total > 0) {
            long done = Math.min(line.done, line.total);
            int filled = (int) (WIDTH * done / line.total);
            s.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3d%% %d/%d ", 100 * done / line.total, done, line.total));
        } else {
            s.append('[').append(line.type == JobEventType.COMPLETED ? "#".repeat(WIDTH) : " ".repeat(WIDTH))
                    .append("] ");
            if (line.done > 0) {
                s.append(line.done).append(" so far "); // a stage that learns its total only at the end
            }
        }
        s.append(state);
        if (line.searchable && line.type == JobEventType.PROGRESS) {
            s.append(" (text searchable)");
        }
        if (line.eta >= 0) {
            s.append(String.format(" ETA %dm%02ds", line.eta / 60, line.eta % 60));
        }
        if (line.message != null && !line.message.isBlank() && line.type != JobEventType.PROGRESS) {
            String message = line.message.replaceAll("\\s+", " ");
            s.append(": ").append(message.length() > 90 ? message.substring(0, 87) + "..." : message);
        }
        return s.toString();
    }

    /** One stage's last known state. */
    static final class Line {
        JobEventType type;
        long done;
        long total;
        String message;
        boolean searchable;
        long eta = -1;

        int decile() {
            return total > 0 ? (int) (10 * Math.min(done, total) / total) : -1;
        }
    }
}
