package io.gitlore.local.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;

/**
 * A job's per-stage timeline: consumes its events (and when the first search answered), produces each stage's
 * start, end, throughput and overlap with the stage before it, and the whole run against its slowest stage, the
 * figure a streaming pipeline is judged by.
 */
public final class Timeline {

    private final Instant submitted;
    private final Map<String, Span> spans = new LinkedHashMap<>();
    private volatile Instant firstSearchHit;

    public Timeline(Instant submitted, List<String> stages) {
        this.submitted = submitted;
        stages.forEach(stage -> spans.put(stage, new Span(stage)));
    }

    public synchronized void accept(JobEvent event) {
        Span span = spans.computeIfAbsent(event.stage(), Span::new);
        Instant at = event.at() != null ? event.at() : Instant.now();
        if (span.start == null || at.isBefore(span.start)) {
            span.start = at;
        }
        if (event.type() == JobEventType.COMPLETED || event.type() == JobEventType.FAILED) {
            span.end = at;
        }
        span.done = Math.max(span.done, event.done());
        span.total = Math.max(span.total, event.total());
    }

    public void firstSearchHit(Instant at) {
        if (firstSearchHit == null) {
            firstSearchHit = at;
        }
    }

    /** One row per stage, in pipeline order, with seconds counted from the submission. */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Span previous = null;
        for (Span span : spans.values()) {
            if (span.start == null) {
                continue;
            }
            Instant end = span.end != null ? span.end : span.start;
            double seconds = Duration.between(span.start, end).toMillis() / 1000.0;
            double overlap = 0;
            if (previous != null && previous.end != null && seconds > 0) {
                Instant from = span.start.isAfter(previous.start) ? span.start : previous.start;
                Instant to = end.isBefore(previous.end) ? end : previous.end;
                overlap = Math.max(0, Duration.between(from, to).toMillis() / 1000.0) / seconds;
            }
            rows.add(new Row(span.stage, offset(span.start), offset(end), seconds,
                    seconds > 0 ? span.done / seconds : 0, span.done, overlap));
            previous = span;
        }
        return rows;
    }

    /** The summary a person reads: total, slowest stage, their ratio and when search first answered. */
    public synchronized Map<String, Object> summary() {
        List<Row> rows = rows();
        double total = rows.stream().mapToDouble(Row::endSeconds).max().orElse(0);
        Row slowest = rows.stream().max(java.util.Comparator.comparingDouble(Row::seconds)).orElse(null);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("totalSeconds", total);
        summary.put("slowestStage", slowest == null ? null : slowest.stage());
        summary.put("slowestStageSeconds", slowest == null ? 0 : slowest.seconds());
        summary.put("totalOverSlowest", slowest == null || slowest.seconds() == 0 ? 0 : total / slowest.seconds());
        summary.put("firstSearchHitSeconds", firstSearchHit == null ? null : offset(firstSearchHit));
        summary.put("stages", rows);
        return summary;
    }

    public String render() {
        StringBuilder s = new StringBuilder(String.format("%-9s %8s %8s %8s %10s %10s %8s%n", "stage", "start s",
                "end s", "secs", "done", "per s", "overlap"));
        for (Row r : rows()) {
            s.append(String.format("%-9s %8.1f %8.1f %8.1f %10d %10.1f %7.0f%%%n", r.stage(), r.startSeconds(),
                    r.endSeconds(), r.seconds(), r.done(), r.perSecond(), 100 * r.overlapWithPrevious()));
        }
        Map<String, Object> summary = summary();
        s.append(String.format("end to end %.1f s; slowest stage %s %.1f s; ratio %.2f×; first search hit %s%n",
                (double) summary.get("totalSeconds"), summary.get("slowestStage"),
                ((Number) summary.get("slowestStageSeconds")).doubleValue(),
                ((Number) summary.get("totalOverSlowest")).doubleValue(),
                summary.get("firstSearchHitSeconds") == null ? "never"
                        : String.format("at %.1f s", (double) summary.get("firstSearchHitSeconds"))));
        return s.toString();
    }

    private double offset(Instant at) {
        return Duration.between(submitted, at).toMillis() / 1000.0;
    }

    /** One stage's place in the run. */
    public record Row(String stage, double startSeconds, double endSeconds, double seconds, double perSecond,
                      long done, double overlapWithPrevious) {
    }

    private static final class Span {
        final String stage;
        Instant start;
        Instant end;
        long done;
        long total;

        Span(String stage) {
            this.stage = stage;
        }
    }
}
