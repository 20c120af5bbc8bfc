package io.keytrail.parquet;

import org.apache.parquet.io.api.Binary;

import java.util.IdentityHashMap;

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
            strings.put(b, s);
        }
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
