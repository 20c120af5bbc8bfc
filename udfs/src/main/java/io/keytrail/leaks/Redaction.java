package io.keytrail.leaks;

/** Reading the masked display ({@code prefix...last4}) back: the only part of a key other tools may match on. */
public final class Redaction {
    private static final String ELLIPSIS = "...";

    private Redaction() {}

    /** The 4 characters after the last "...", or null when the display does not end that way (e.g. fully redacted). */
    public static String last4(String redacted) {
        if (redacted == null) return null;
        int i = redacted.lastIndexOf(ELLIPSIS);
        if (i < 0 || redacted.length() - (i + ELLIPSIS.length()) != 4) return null;
        return redacted.substring(i + ELLIPSIS.length());
    }
}
