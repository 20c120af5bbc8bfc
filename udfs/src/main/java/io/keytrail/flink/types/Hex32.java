package io.keytrail.flink.types;

/** A SHA-256 fingerprint between its 64 lowercase hex digits and its 32 bytes. */
final class Hex32 {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex32() {}

    /** The 32 bytes, or null when {@code s} is not exactly 64 lowercase hex digits (then it travels as text). */
    static byte[] parse(String s) {
        if (s.length() != 64) return null;
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) return null;
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    static String format(byte[] b) {
        char[] c = new char[64];
        for (int i = 0; i < 32; i++) {
            c[2 * i] = DIGITS[(b[i] >> 4) & 0xF];
            c[2 * i + 1] = DIGITS[b[i] & 0xF];
        }
        return new String(c);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
