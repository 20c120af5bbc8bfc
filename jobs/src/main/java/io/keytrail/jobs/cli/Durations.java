package io.keytrail.jobs.cli;

import java.time.Duration;

/** Durations on the command line: 500ms, 45s, 30m, 2h, 1d. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String option, String v) throws UsageException {
        try {
            String s = v.strip().toLowerCase(java.util.Locale.ROOT);
            if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1)) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                case 'd': return Duration.ofDays(n);
                default: break;
            }
        } catch (RuntimeException ignored) {
            // fall through to the usage error
        }
        throw new UsageException("--" + option + " must be a duration such as 500ms, 45s, 30m or 2h, got '" + v + "'");
    }
}
