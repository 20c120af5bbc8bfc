package io.keytrail.detect;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DayClockDayStringTest {
    @Test
    void formatsEveryDayLikeLocalDateInsideAndOutsideTheCachedRange() {
        for (long d = -800_000; d <= 800_000; d += 7) {
            assertEquals(LocalDate.ofEpochDay(d).toString(), DayClock.dayString(d), "day " + d);
            assertEquals(LocalDate.ofEpochDay(d).toString(), DayClock.dayString(d), "day " + d + " again");
        }
        long today = LocalDate.of(2026, 12, 6).toEpochDay();
        assertEquals("2026-12-06", DayClock.dayString(today));
        assertSame(DayClock.dayString(today), DayClock.dayString(today), "formatted once");
        assertEquals("1970-01-01", DayClock.dayString(0));
        assertEquals("1969-12-31", DayClock.dayString(-1));
        assertEquals(LocalDate.ofEpochDay((1 << 17) - 1).toString(), DayClock.dayString((1 << 17) - 1));
        assertEquals(LocalDate.ofEpochDay(1 << 17).toString(), DayClock.dayString(1 << 17));
    }
}
