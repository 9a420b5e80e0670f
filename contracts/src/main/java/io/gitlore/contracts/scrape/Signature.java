package io.gitlore.contracts.scrape;

import java.time.Instant;

/** An author or committer: name, email, instant and the time zone offset they recorded (for example {@code +02:00}). */
public record Signature(String name, String email, Instant time, String timeZone) {
}
