package io.keytrail.flink.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * From the length and the first and last 8 bytes only: hashing every byte cost as much as building
     * the String. Values that share those collide and evict each other, which costs a miss, never a
     * wrong value (the bytes are compared on every hit).
     */
    private static int slot(byte[] b, int n) {
        long h;
        if (n >= 8) {
            h = (long) LONGS.get(b, 0) * 0x9E3779B97F4A7C15L + (long) LONGS.get(b, n - 8);
        } else {
            h = 0;
            for (int i = 0; i < n; i++) h = (h << 8) | (b[i] & 0xff);
        }
        h = (h + n) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 52) & (SLOTS - 1);
    }
}
