package io.keytrail.flink.types;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A table of strings numbering each distinct value the first time it is encoded, so a record that stays
 * in this process ({@link InProcessUsageFormat}) carries a small number instead of the text. {@link #JVM}
 * is the one table all of a JVM's tasks share. Numbers mean nothing in another JVM: {@link #TOKEN}, random
 * per JVM, is written with every record and checked on reading. A table only grows, up to its capacity;
 * after that new values travel as text ({@link #FULL}), so memory stays bounded whatever the input.
 */
final class InProcessStrings {
    /** Values the JVM's table numbers at most (tens of MB of strings and map entries at the limit). */
    static final int CAPACITY = 1 << 19;
    /** What {@link #idOf} returns when the table is full. */
    static final int FULL = -1;
    /** Random per JVM, never 0, so bytes from another process are refused rather than misread. */
    static final int TOKEN = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    static final InProcessStrings JVM = new InProcessStrings(CAPACITY);

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private final int capacity;
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    /** Values by number, in chunks published before their numbers can be read anywhere. */
    private final AtomicReferenceArray<String[]> values;
    private int size;

    InProcessStrings(int capacity) {
        this.capacity = capacity;
        this.values = new AtomicReferenceArray<>((capacity + CHUNK - 1) / CHUNK);
    }

    /** The value's number, 0 or more; {@link #FULL} if it has none and the table is full. */
    int idOf(String s) {
        Integer id = ids.get(s);
        return id != null ? id : add(s);
    }

    private synchronized int add(String s) {
        Integer id = ids.get(s);
        if (id != null) return id;
        if (size == capacity) return FULL;
        int n = size++;
        String[] chunk = values.get(n >>> CHUNK_BITS);
        if (chunk == null) {
            chunk = new String[CHUNK];
            values.set(n >>> CHUNK_BITS, chunk);
        }
        chunk[n & (CHUNK - 1)] = s;
        ids.put(s, n); // after the value is stored: whoever finds the number finds the value
        return n;
    }

    /** The value numbered {@code id}. */
    String valueOf(int id) throws IOException {
        String[] chunk = id >= 0 && id < capacity ? values.get(id >>> CHUNK_BITS) : null;
        String s = chunk == null ? null : chunk[id & (CHUNK - 1)];
        if (s == null) throw new IOException("corrupt in-process usage record: no string numbered " + id + " in this JVM");
        return s;
    }

    /** Values numbered so far. */
    synchronized int size() {
        return size;
    }
}
