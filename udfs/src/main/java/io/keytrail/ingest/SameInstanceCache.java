package io.keytrail.ingest;

/**
 * A small front for a memo keyed by strings that mostly arrive as the very same instances (Parquet
 * readers hand out one String per dictionary entry): a hit is one array load and a reference compare,
 * where a hash map also compares characters or pays for concurrency. Direct-mapped and lossy: a miss
 * (another instance, an evicted or colliding value) just goes to the memo behind it. Safe to share
 * between threads: entries are immutable and replaced whole.
 */
final class SameInstanceCache<V> {
    private static final int SLOTS = 1 << 12;

    private record Entry<V>(String key, V value) {}

    private final Entry<?>[] slots = new Entry<?>[SLOTS];

    /** The value stored for this very instance, or null. */
    @SuppressWarnings("unchecked")
    V get(String key) {
        Entry<?> e = slots[key.hashCode() & (SLOTS - 1)];
        return e != null && e.key() == key ? (V) e.value() : null;
    }

    void put(String key, V value) {
        slots[key.hashCode() & (SLOTS - 1)] = new Entry<>(key, value);
    }
}
