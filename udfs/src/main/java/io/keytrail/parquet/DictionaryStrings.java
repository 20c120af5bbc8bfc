package io.keytrail.parquet;

import org.apache.parquet.io.api.Binary;

import java.util.IdentityHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One String per Parquet dictionary entry of a column chunk. A dictionary-encoded page hands out the
 * same {@link Binary} instance for every occurrence of an entry, so an identity lookup replaces UTF-8
 * decoding, and the repeated String instance keeps its cached hash for the maps downstream (masking
 * memo, per-key sets). Plain-encoded values are new instances each time: after enough misses the
 * cache stops trying until the next column chunk.
 */
final class DictionaryStrings {
    private static final int MAX_ENTRIES = 1 << 14;
    private static final int GIVE_UP_AFTER_MISSES = 4096;

    private final IdentityHashMap<Binary, String> strings = new IdentityHashMap<>();
    private int hits;
    private int misses;
    private boolean off;

    String decode(Binary b) {
        if (off) return b.toStringUsingUTF8();
        String s = strings.get(b);
        if (s != null) {
            hits++;
            return s;
        }
        s = b.toStringUsingUTF8();
        if (++misses > GIVE_UP_AFTER_MISSES && misses > hits) {
            off = true;
            strings.clear();
        } else if (strings.size() < MAX_ENTRIES) {
            s = canonical(s);
            strings.put(b, s);
        }
        return s;
    }

    /**
     * One instance per distinct dictionary string across all files and readers of this JVM, so that the
     * maps downstream (keyed by these strings: the normalizer's masking memo, per-key sets) find their key
     * by reference instead of comparing characters. Bounded: cleared when full.
     */
    private static final int MAX_CANONICAL = 1 << 16;
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

    static String canonical(String s) {
        String c = CANONICAL.putIfAbsent(s, s);
        if (c != null) return c;
        if (CANONICAL.size() > MAX_CANONICAL) CANONICAL.clear();
        return s;
    }

    /** A new column chunk has a new dictionary: forget the old one's instances. */
    void newChunk() {
        strings.clear();
        hits = 0;
        misses = 0;
        off = false;
    }
}
