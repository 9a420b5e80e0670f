package io.gitlore.systemtests;

import java.util.List;

/**
 * The one function of the ledger history that stands out: a great-circle distance with a doc comment, in the math
 * module among the ledger's folds, added in one commit and revised in a later one, each commit changing it alone.
 * The end-to-end test finds it by a paraphrase that shares no word with its name and asks for exactly those two
 * commits as its history (the file's other commits are other units' history).
 */
final class Landmark {

    static final String MODULE = "math";
    static final String PATH = "src/" + MODULE + ".rs";
    static final String NAME = "haversine_km";
    /** The commits (after the initial one) that add and then revise it; a history needs more than these. */
    static final int ADDED_AT = 3;
    static final int REVISED_AT = 6;
    static final List<String> SUBJECTS = List.of("Add the great-circle distance between branch offices",
            "Clamp the haversine term so that antipodal offices do not give NaN");
    /** Words that appear nowhere in its name. */
    static final String PARAPHRASE = "how far apart are two places on the globe";

    private Landmark() {
    }

    /** Its code as of commit {@code i} of the history, or null before it was added. */
    static String codeAt(int i) {
        if (i < ADDED_AT) {
            return null;
        }
        String term = i < REVISED_AT ? "a.sqrt()" : "a.sqrt().min(1.0)";
        return """
                /// Great-circle distance in kilometres between two points on the Earth's surface, given by their
                /// latitude and longitude in degrees (the haversine formula).
                pub fn %s(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
                    let radius = 6371.0;
                    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
                    let dp = (lat2 - lat1).to_radians();
                    let dl = (lon2 - lon1).to_radians();
                    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
                    2.0 * radius * %s.asin()
                }
                """.formatted(NAME, term);
    }

    /** The subject of commit {@code i} when that commit changes the landmark, else null. */
    static String subjectAt(int i) {
        return i == ADDED_AT ? SUBJECTS.get(0) : i == REVISED_AT ? SUBJECTS.get(1) : null;
    }
}
