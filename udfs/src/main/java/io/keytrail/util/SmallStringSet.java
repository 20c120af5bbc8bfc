package io.keytrail.util;

import java.util.Arrays;
import java.util.HashSet;

/**
 * A set of strings in first-added order, for the many small sets of a per-key fold (a key's models,
 * IPs, endpoints, user agents in one input file): an array searched by identity, then equality, while
 * it is small, with a hash index once it grows. A {@code HashSet} costs about 180 bytes for one
 * element; with 100,000 keys folded at once those sets were most of the heap the garbage collector
 * copied. Not thread-safe.
 */
public final class SmallStringSet {
    /** Beyond this many elements a hash index replaces the linear search. */
    static final int LINEAR_LIMIT = 16;

    private String[] items = new String[2];
    private int size;
    private HashSet<String> index;

    /** Adds {@code s} (null is a value like any other); true when it was not there yet. */
    public boolean add(String s) {
        if (index != null) {
            if (!index.add(s)) return false;
        } else {
            for (int i = size - 1; i >= 0; i--) {
                String x = items[i];
                if (x == s || (x != null && x.equals(s))) return false;
            }
        }
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        items[size++] = s;
        if (index == null && size > LINEAR_LIMIT) {
            index = new HashSet<>(Arrays.asList(items).subList(0, size));
        }
        return true;
    }

    public int size() {
        return size;
    }

    /** The elements in the order they were first added. */
    public String[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
