package io.keytrail.detect;

import io.keytrail.profile.DetectionProfile;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Which day and hour a record falls in under a profile. The seed takes both as the timestamp writes
 * them (its own offset); other profiles use a fixed zone, UTC by default.
 */
public final class DayClock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long MICROS_PER_HOUR = 3_600_000_000L;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    /** The furthest west a written offset can be: no record of local day D can come after D+1 00:00 + 14h UTC. */
    private static final long MAX_WEST_OFFSET_MICROS = 14 * MICROS_PER_HOUR;

    private final boolean asWritten;
    private final String zoneId;
    private transient ZoneId zone;
    private final boolean utc;

    public DayClock(DetectionProfile profile) {
        this.asWritten = profile.daysAsWritten();
        this.zoneId = asWritten ? "UTC" : profile.dayZone;
        this.utc = asWritten || ZoneId.of(zoneId).normalized().equals(ZoneOffset.UTC);
    }

    private ZoneId zone() {
        if (zone == null) zone = ZoneId.of(zoneId);
        return zone;
    }

    /** Wall-clock micros of the record in the profile's day zone. */
    public long localMicros(long tsMicros, int offsetSeconds) {
        if (asWritten) return tsMicros + offsetSeconds * 1_000_000L;
        if (utc) return tsMicros;
        int off = zone().getRules().getOffset(Instant.ofEpochSecond(Math.floorDiv(tsMicros, 1_000_000L))).getTotalSeconds();
        return tsMicros + off * 1_000_000L;
    }

    public long epochDay(long tsMicros, int offsetSeconds) {
        return Math.floorDiv(localMicros(tsMicros, offsetSeconds), MICROS_PER_DAY);
    }

    /**
     * The first and last epoch day of records stamped between these instants without an offset (Parquet
     * timestamps). Exact for days in UTC or as written; a time zone's days get a day of margin each side,
     * since a transition may move local time back across midnight.
     */
    public long[] dayRange(long minMicros, long maxMicros) {
        long first = epochDay(minMicros, 0), last = epochDay(maxMicros, 0);
        return utc ? new long[] {first, last} : new long[] {first - 1, last + 1};
    }

    public int hour(long tsMicros, int offsetSeconds) {
        return (int) (Math.floorMod(localMicros(tsMicros, offsetSeconds), MICROS_PER_DAY) / MICROS_PER_HOUR);
    }

    /** ISO date of an epoch day; called per record, so the days since 1970 are formatted once each. */
    public static String dayString(long epochDay) {
        if (epochDay < 0 || epochDay >= DAY_STRINGS.length) return LocalDate.ofEpochDay(epochDay).toString();
        String s = DAY_STRINGS[(int) epochDay];
        if (s == null) {
            s = LocalDate.ofEpochDay(epochDay).toString();
            DAY_STRINGS[(int) epochDay] = s; // racy but safe: Strings are immutable, a lost write is recomputed
        }
        return s;
    }

    /** 1970-01-01 to 2328. */
    private static final String[] DAY_STRINGS = new String[1 << 17];

    /** The instant the day ends, for the record that opened it (its offset, when days are as written). */
    public long dayEndMicros(long epochDay, int firstOffsetSeconds) {
        long nextMidnightLocal = (epochDay + 1) * MICROS_PER_DAY;
        if (asWritten) return nextMidnightLocal - firstOffsetSeconds * 1_000_000L;
        if (utc) return nextMidnightLocal;
        return LocalDate.ofEpochDay(epochDay + 1).atStartOfDay(zone()).toInstant().toEpochMilli() * 1000L;
    }

    /** After this instant no record of the day can still arrive in event-time order. */
    public long closeAfterMicros(long epochDay) {
        long nextMidnight = (epochDay + 1) * MICROS_PER_DAY;
        if (asWritten) return nextMidnight + MAX_WEST_OFFSET_MICROS;
        if (utc) return nextMidnight;
        return dayEndMicros(epochDay, 0);
    }
}
