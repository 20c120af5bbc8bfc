package io.keytrail.leaks;

import io.keytrail.time.IsoTimestamp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a CI log line was written: CI runners (GitHub Actions, GitLab, Jenkins with timestamps) prefix each
 * line with an ISO-8601 time, which is when the key went to a place others can read. Parsed with the same
 * rules as usage timestamps (Python's fromisoformat); a time without offset is UTC.
 */
final class LogTimestamps {
    private static final Pattern ISO = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?");

    private LogTimestamps() {}

    /** Epoch micros of the first timestamp in the first 64 chars of the line, or null. */
    static Long of(String line) {
        Matcher m = ISO.matcher(line);
        m.region(0, Math.min(line.length(), 64));
        if (!m.find()) return null;
        String s = m.group().replace(',', '.');
        // fromisoformat takes at most 6 fraction digits; Actions writes 7.
        s = s.replaceFirst("(\\.\\d{6})\\d+", "$1");
        IsoTimestamp.Parsed p = IsoTimestamp.parse(s);
        return p == null ? null : p.epochMicros();
    }
}
