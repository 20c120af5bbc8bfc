package io.keytrail.sql;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code is_off_hours(ts, active_hours)}: whether the hour of day of {@code ts} in UTC is not among
 * {@code active_hours} (a baseline's ARRAY&lt;INT&gt;). Takes TIMESTAMP_LTZ (the tables' timestamps) or a
 * TIMESTAMP read as UTC. NULL when an argument is NULL.
 */
public class IsOffHours extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public Boolean eval(@DataTypeHint(value = "TIMESTAMP_LTZ(9)", bridgedTo = Instant.class) Instant ts, Integer[] activeHours) {
        if (ts == null || activeHours == null) return null;
        return offHours(ts.atOffset(ZoneOffset.UTC).getHour(), activeHours);
    }

    public Boolean eval(@DataTypeHint("TIMESTAMP(9)") LocalDateTime ts, Integer[] activeHours) {
        if (ts == null || activeHours == null) return null;
        return offHours(ts.getHour(), activeHours);
    }

    private static boolean offHours(int hour, Integer[] activeHours) {
        for (Integer h : activeHours) if (h != null && h == hour) return false;
        return true;
    }
}
