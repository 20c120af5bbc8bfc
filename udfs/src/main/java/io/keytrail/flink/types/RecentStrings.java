package io.keytrail.flink.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The strings a thread decoded lately, by their bytes: a direct-mapped cache, so that the few distinct
 * values of a column (key ids, models, IPs, user agents) are not built again for every record read
 * back from the shuffle and the sorter. Misses cost one array compare; values longer than
 * {@link #MAX_CACHED_BYTES} are not cached. One instance per thread: not thread-safe.
 */
final class RecentStrings {
    static final int MAX_CACHED_BYTES = 96;
    private static final int SLOTS = 1 << 12;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private final byte[][] hexKeys = new byte[SLOTS][];
    private final String[] hexValues = new String[SLOTS];

    /** The UTF-8 text of {@code b[0, n)}. */
    String utf8(byte[] b, int n) {
        if (n > MAX_CACHED_BYTES) return new String(b, 0, n, StandardCharsets.UTF_8);
        int slot = slot(b, n);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, b, 0, n)) return values[slot];
        String s = new String(b, 0, n, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOf(b, n);
        values[slot] = s;
        return s;
    }

    /** Lowercase hex of {@code b[0, n)}. */
    String hex(byte[] b, int n) {
        int slot = slot(b, n);
        byte[] k = hexKeys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, b, 0, n)) return hexValues[slot];
        byte[] key = Arrays.copyOf(b, n);
        String s = HEX.formatHex(key);
        hexKeys[slot] = key;
        hexValues[slot] = s;
        return s;
    }

    private static int slot(byte[] b, int n) {
        int h = n;
        for (int i = 0; i < n; i++) h = 31 * h + b[i];
        h ^= h >>> 16;
        return h & (SLOTS - 1);
    }
}
