package io.gitlore.contracts.job;

import java.util.regex.Pattern;

/**
 * Which job ids a service may turn into a file or directory name ({@code <data>/jobs/<job-id>/}): letters, digits,
 * {@code .}, {@code _} and {@code -}, not starting with a dot, at most 128 characters; a UUID always is one.
 */
public final class JobIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private JobIds() {
    }

    public static boolean isValid(String jobId) {
        return jobId != null && VALID.matcher(jobId).matches();
    }

    /** The id itself, or an {@link IllegalArgumentException} naming it. */
    public static String require(String jobId) {
        if (!isValid(jobId)) {
            throw new IllegalArgumentException("not a usable job id: '" + jobId + "' (letters, digits, '.', '_', "
                    + "'-', not starting with a dot)");
        }
        return jobId;
    }
}
