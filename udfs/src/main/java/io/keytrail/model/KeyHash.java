package io.keytrail.model;

/**
 * The 64-bit number the pipeline partitions and sorts keys by, derived from a record's group key.
 *
 * <p>Why not the group key itself: Flink's BATCH sorter compares a fixed-length key as a normalized
 * byte prefix without deserializing it, while a String key is compared one record at a time (it was
 * half the sort's time). A fingerprint is already SHA-256 hex, so its first 16 digits are the hash;
 * any other id (a provider's key id, an already masked key) goes through 64-bit FNV-1a. Two keys
 * sharing a hash would share state, so the keyed functions check the group key they hold and fail
 * with {@link KeyHashCollision} rather than mix two keys.
 */
public final class KeyHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private KeyHash() {}

    public static long of(String groupKey) {
        if (isSha256Hex(groupKey)) return Long.parseUnsignedLong(groupKey, 0, 16, 16);
        long h = FNV_OFFSET;
        for (int i = 0; i < groupKey.length(); i++) {
            char c = groupKey.charAt(i);
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            h = (h ^ (c >>> 8)) * FNV_PRIME;
        }
        return h;
    }

    /** Exactly 64 lowercase hex digits: the form {@link io.keytrail.secrets.KeyMasker} writes fingerprints in. */
    public static boolean isSha256Hex(String s) {
        if (s.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    /** Fails when a keyed function holding {@code held} receives {@code got} under the same hash. */
    public static void requireSame(String held, String got) {
        if (!held.equals(got)) throw new KeyHashCollision(held, got);
    }
}
