package io.keytrail.table;

import java.util.Arrays;

/**
 * A chunk's dictionary of numbers (int, long or double bits as a long): an open-addressing table from
 * value to id, ids in first-seen order, and each value's id. Built once the chunk's values are in, and
 * given up, as parquet-mr gives a dictionary up, when it would not make the chunk smaller.
 */
final class NumberDictionary {
    private long[] table = new long[64];
    private int[] tableIds = new int[64];
    private long[] entries = new long[16];
    private int size;
    int[] ids = new int[0];

    int size() {
        return size;
    }

    long entry(int id) {
        return entries[id];
    }

    /**
     * Assigns ids to {@code values[0..n)}; false when the dictionary would pass {@code maxBytes} or the
     * ids and dictionary would not be smaller than the {@code valueBytes}-wide PLAIN values.
     */
    boolean build(long[] values, int n, int valueBytes, int maxBytes) {
        clear();
        if (ids.length < n) ids = new int[Math.max(n, ids.length * 2)];
        int maxEntries = maxBytes / valueBytes;
        for (int i = 0; i < n; i++) {
            int id = idOf(values[i]);
            if (size > maxEntries) return false;
            ids[i] = id;
        }
        int width = 32 - Integer.numberOfLeadingZeros(Math.max(1, size - 1));
        long dictionaryBytes = (long) size * valueBytes + ((long) n * width + 7) / 8;
        return dictionaryBytes < (long) n * valueBytes;
    }

    void clear() {
        if (size > 0) Arrays.fill(tableIds, 0);
        size = 0;
    }

    private int idOf(long v) {
        if (size * 2 >= table.length) grow();
        int mask = table.length - 1;
        int i = mix(v) & mask;
        while (true) {
            int id = tableIds[i] - 1;
            if (id < 0) {
                if (size == entries.length) entries = Arrays.copyOf(entries, size * 2);
                entries[size] = v;
                table[i] = v;
                tableIds[i] = ++size;
                return size - 1;
            }
            if (table[i] == v) return id;
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        int n = table.length * 2;
        table = new long[n];
        tableIds = new int[n];
        int mask = n - 1;
        for (int id = 0; id < size; id++) {
            int i = mix(entries[id]) & mask;
            while (tableIds[i] != 0) i = (i + 1) & mask;
            table[i] = entries[id];
            tableIds[i] = id + 1;
        }
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
