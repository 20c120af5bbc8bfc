package io.keytrail.parquet;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives one string column's values. It takes the column chunk's dictionary, so that Parquet hands
 * dictionary-encoded values over as ids: each entry is decoded from UTF-8 once per chunk, not once
 * per row, and the same String instance comes back for every row holding it, its hash cached for the
 * maps downstream (the normalizer's masking memo, per-key sets). Plain-encoded values are decoded
 * each time.
 */
final class StringColumnConverter extends PrimitiveConverter {
    private Dictionary dictionary;
    private String[] entries = new String[0];
    private String value;

    @Override
    public boolean hasDictionarySupport() {
        return true;
    }

    /** Called by the column reader once per column chunk that has a dictionary page. */
    @Override
    public void setDictionary(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.entries = new String[dictionary.getMaxId() + 1];
    }

    @Override
    public void addValueFromDictionary(int id) {
        String s = entries[id];
        if (s == null) {
            // Decoded on first use: a chunk's dictionary can hold many more entries than its rows use.
            s = canonical(dictionary.decodeToBinary(id).toStringUsingUTF8());
            entries[id] = s;
        }
        value = s;
    }

    @Override
    public void addBinary(Binary b) {
        value = b.toStringUsingUTF8();
    }

    /** The value the column reader last wrote. */
    String value() {
        return value;
    }

    /**
     * One instance per distinct dictionary string across all files and readers of this JVM, so that the
     * maps downstream find their key by reference instead of comparing characters. Bounded: cleared
     * when full.
     */
    private static final int MAX_CANONICAL = 1 << 16;
    private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

    static String canonical(String s) {
        String c = CANONICAL.putIfAbsent(s, s);
        if (c != null) return c;
        if (CANONICAL.size() > MAX_CANONICAL) CANONICAL.clear();
        return s;
    }
}
