package io.keytrail.leaks;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks, per fingerprint, the one leak that exposed the key first: earliest exposure time, ties broken by
 * discovery order (commit order in a history, so a parent wins over its child with the same timestamp).
 * Exactly one row per fingerprint is marked; rows without fingerprint (redacted alerts) are never first.
 */
public final class FirstExposure {
    static final Comparator<Leak> EARLIEST = Comparator
            .comparing((Leak l) -> l.exposedAtMicros, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(l -> l.order);

    private FirstExposure() {}

    public static void mark(List<Leak> leaks) {
        Map<String, Leak> first = new HashMap<>();
        for (Leak l : leaks) {
            l.firstExposure = false;
            if (l.fingerprint == null) continue;
            first.merge(l.fingerprint, l, (a, b) -> EARLIEST.compare(a, b) <= 0 ? a : b);
        }
        for (Leak l : first.values()) l.firstExposure = true;
    }
}
