package io.keytrail.baseline;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which history file may carry a day's cost as one sum instead of every record's cost. The seed adds a
 * key's costs day by day in input order, so a file's partial can fold a day into one sum, exactly, only
 * if no earlier file holds records of that day: that file's sum then starts from zero, as the seed's
 * does. The owner of a day is the first file (in input order) whose day range may contain it; a file
 * whose range is unknown may contain any day.
 *
 * <p>Ranges come from the files' footers before the job starts; a day outside every known range
 * belongs to the first file of unknown range (none: to no file, so its costs travel one by one).
 */
public final class CostDayOwners implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final CostDayOwners NONE = new CostDayOwners(new HashMap<>(), -1);

    /** A wider range (a stray timestamp in a file) counts as unknown rather than filling the map with its days. */
    static final long MAX_RANGE_DAYS = 3660;
    /** Day to the index of the first file whose range holds it. */
    private final Map<Long, Integer> owners;
    /** The first file of unknown range, or {@link Integer#MAX_VALUE}; -1: no file owns any day. */
    private final int firstUnknown;

    private CostDayOwners(Map<Long, Integer> owners, int firstUnknown) {
        this.owners = owners;
        this.firstUnknown = firstUnknown;
    }

    /** No file owns a day: every cost travels on its own (the fold before this class). */
    public static CostDayOwners none() {
        return NONE;
    }

    /**
     * From each file's day range, in input order ({@code ranges.get(i)} is file i's {@code {first, last}}
     * epoch day, or null when unknown).
     */
    public static CostDayOwners of(List<long[]> ranges) {
        Map<Long, Integer> owners = new HashMap<>();
        int firstUnknown = Integer.MAX_VALUE;
        for (int i = 0; i < ranges.size() && firstUnknown == Integer.MAX_VALUE; i++) {
            long[] r = ranges.get(i);
            if (r == null || r[1] - r[0] > MAX_RANGE_DAYS) {
                firstUnknown = i;
                continue;
            }
            if (r[1] < r[0]) throw new IllegalArgumentException("file " + i + ": day range " + Arrays.toString(r) + " ends before it starts");
            for (long d = r[0]; d <= r[1]; d++) owners.putIfAbsent(d, i);
        }
        return new CostDayOwners(owners, firstUnknown);
    }

    /** Whether file {@code file}'s partials may sum {@code day}'s costs: no earlier file can hold the day. */
    public boolean owns(int file, long day) {
        if (firstUnknown < 0) return false;
        Integer owner = owners.get(day);
        int first = owner == null ? firstUnknown : Math.min(owner, firstUnknown);
        return first == file;
    }
}
