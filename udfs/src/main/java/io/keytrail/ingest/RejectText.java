package io.keytrail.ingest;

import io.keytrail.secrets.KeyMasker;

/**
 * The raw text a reject keeps: secrets masked first, then clipped to {@link #MAX_RAW_CHARS}. The order
 * matters: a key cut in two by the clip no longer matches its rule and would be kept unmasked.
 */
public final class RejectText {
    public static final int MAX_RAW_CHARS = 4096;

    private RejectText() {}

    /** {@code text} masked, then clipped; null stays null. */
    public static String of(KeyMasker masker, String text) {
        return text == null ? null : clip(masker.maskText(text));
    }

    /** Clips already masked text to {@link #MAX_RAW_CHARS}, saying how much was left out. */
    public static String clip(String s) {
        if (s == null || s.length() <= MAX_RAW_CHARS) return s;
        return s.substring(0, MAX_RAW_CHARS) + "...[" + (s.length() - MAX_RAW_CHARS) + " more chars]";
    }
}
