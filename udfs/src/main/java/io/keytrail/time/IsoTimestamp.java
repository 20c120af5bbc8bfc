package io.keytrail.time;

/**
 * Timestamp parser that accepts exactly what CPython 3.11's {@code datetime.datetime.fromisoformat}
 * accepts, and yields the same value.
 *
 * <p>It ports the C accelerator ({@code _datetime}), which is what runs in CPython and which is
 * laxer than the pure-Python {@code datetime.py}: it works on the UTF-8 bytes of the string, treats
 * the end of the buffer (or an embedded NUL) as a terminator, and skips some checks. Those quirks
 * are reproduced on purpose so that records accepted by the Python pipeline are accepted here too;
 * {@code fromisoformat-cases.tsv} in the tests pins them down.
 */
public final class IsoTimestamp {
    private IsoTimestamp() {}

    /**
     * Parsed value: epochMicros is the UTC instant (an offset-less string is taken as UTC);
     * offsetSeconds is the offset as written (0 when none); hasOffset says whether one was written.
     * localMicros = epochMicros + offsetSeconds*1_000_000 gives the wall-clock time as written.
     *
     * <p>Python keeps sub-second offsets ("+05:00:00.5"); here offsetSeconds is that offset
     * truncated toward zero and epochMicros stays the exact instant, so for such offsets only,
     * localMicros() differs from the written wall clock by the dropped fraction.
     */
    public record Parsed(long epochMicros, int offsetSeconds, boolean hasOffset) {
        public long localMicros() {
            return epochMicros + offsetSeconds * US_PER_SECOND;
        }
    }

    private static final long US_PER_SECOND = 1_000_000L;
    private static final long US_PER_DAY = 86_400L * US_PER_SECOND;
    private static final int EPOCH_ORDINAL = 719_163; // date(1970, 1, 1).toordinal()
    private static final int MAX_ORDINAL = 3_652_059; // date(9999, 12, 31).toordinal()
    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] DAYS_BEFORE_MONTH = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private static final int[] FRACTION_SCALE = {1, 100_000, 10_000, 1_000, 100, 10, 1};

    /** Returns null when Python 3.11's datetime.fromisoformat would raise. Never throws on any input (null, empty, huge, garbage). */
    public static Parsed parse(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                String bytes = utf8Bytes(s);
                return bytes == null ? null : new Parser(bytes).run();
            }
        }
        // ASCII: a char is a byte.
        return n < 7 ? null : new Parser(s).run();
    }

    /**
     * Python's {@code _sanitize_isoformat_str} plus {@code PyUnicode_AsUTF8AndSize}: returns the
     * UTF-8 encoding as a string of chars 0..255, or null when Python rejects before parsing
     * (fewer than 7 code points, or a lone surrogate that is not the first one at code point 7, 8 or 10).
     */
    private static String utf8Bytes(String s) {
        int n = s.length();
        int codePoints = 0;
        int sanitized = -1; // char index of the surrogate Python turns into 'T'
        for (int i = 0; i < n; codePoints++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
            if (!pair && Character.isSurrogate(c)) {
                if (sanitized < 0 && (codePoints == 7 || codePoints == 8 || codePoints == 10)) {
                    sanitized = i;
                } else {
                    return null; // UnicodeEncodeError in Python, unless it is too short anyway: same result
                }
            }
            i += pair ? 2 : 1;
        }
        if (codePoints < 7) {
            return null;
        }
        StringBuilder b = new StringBuilder(n * 3);
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (i == sanitized) {
                cp = 'T';
            }
            i += width;
            if (cp < 0x80) {
                b.append((char) cp);
            } else if (cp < 0x800) {
                b.append((char) (0xC0 | (cp >> 6))).append((char) (0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                b.append((char) (0xE0 | (cp >> 12))).append((char) (0x80 | ((cp >> 6) & 0x3F)))
                        .append((char) (0x80 | (cp & 0x3F)));
            } else {
                b.append((char) (0xF0 | (cp >> 18))).append((char) (0x80 | ((cp >> 12) & 0x3F)))
                        .append((char) (0x80 | ((cp >> 6) & 0x3F))).append((char) (0x80 | (cp & 0x3F)));
            }
        }
        return b.toString();
    }

    /** One parse over the byte string; mirrors the C functions of the same names. */
    private static final class Parser {
        private final String b;
        private final int n;
        private int ordinal;
        private int year, month, day;
        private int hour, minute, second, micro;
        private int tzOffset, tzMicro;
        // Output of parseHhMmSsFf.
        private int h, m, sec, us;

        Parser(String b) {
            this.b = b;
            this.n = b.length();
        }

        /** Byte at i; the C code relies on the NUL terminator, so past the end reads 0. */
        private int at(int i) {
            return i < n ? b.charAt(i) : 0;
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        /** parse_digits: value of count ASCII digits at p, or -1. */
        private int digits(int p, int count) {
            int v = 0;
            for (int i = 0; i < count; i++) {
                int d = at(p + i) - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                v = v * 10 + d;
            }
            return v;
        }

        Parsed run() {
            int sep = findSeparator();
            int rv = parseDate(sep);
            if (rv == 0 && sep >= 0 && n > sep) {
                int p = sep;
                int lead = at(p);
                // Skips the separator by its UTF-8 lead byte, like the C code.
                if ((lead & 0x80) == 0) {
                    p += 1;
                } else if ((lead & 0xF0) == 0xE0) {
                    p += 3;
                } else if ((lead & 0xF0) == 0xF0) {
                    p += 4;
                } else {
                    p += 2;
                }
                rv = parseTime(p, n);
            }
            if (rv < 0) {
                return null;
            }
            if (ordinal == 0) { // calendar date: validated like the datetime constructor
                if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
                    return null;
                }
                ordinal = daysBeforeYear(year) + DAYS_BEFORE_MONTH[month]
                        + (month > 2 && isLeap(year) ? 1 : 0) + day;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            long local = (ordinal - EPOCH_ORDINAL) * US_PER_DAY
                    + ((hour * 60L + minute) * 60L + second) * US_PER_SECOND + micro;
            if (rv == 0) {
                return new Parsed(local, 0, false);
            }
            // 3.11 makes timezone.utc whenever the whole seconds are 0, dropping any fraction.
            if (tzOffset == 0) {
                return new Parsed(local, 0, true);
            }
            long offsetMicros = tzOffset * US_PER_SECOND + tzMicro;
            if (offsetMicros <= -US_PER_DAY || offsetMicros >= US_PER_DAY) {
                return null;
            }
            // tzMicro has tzOffset's sign, so tzOffset is the offset truncated toward zero.
            return new Parsed(local - offsetMicros, tzOffset, true);
        }

        /** _find_isoformat_datetime_separator; byte index, or -1. */
        private int findSeparator() {
            if (n == 7) {
                return 7;
            }
            if (at(4) == '-') {
                if (at(5) == 'W') {
                    if (n > 8 && at(8) == '-') {
                        if (n == 9) {
                            return -1;
                        }
                        // YYYY-Www-## is taken as YYYY-Www, '-', time.
                        if (n > 10 && isDigit(at(10))) {
                            return 8;
                        }
                        return 10;
                    }
                    return 8;
                }
                return 10;
            }
            if (at(4) == 'W') {
                int idx = 7;
                while (idx < n && isDigit(at(idx))) {
                    idx++;
                }
                if (idx < 9) {
                    return idx;
                }
                // Time digits come in pairs, so an even run end means YYYYWww.
                return idx % 2 == 0 ? 7 : 8;
            }
            return 8;
        }

        /** parse_isoformat_date; len is the separator index (-1 means unbounded, as size_t). */
        private int parseDate(int len) {
            long limit = len < 0 ? Long.MAX_VALUE : len;
            year = digits(0, 4);
            if (year < 0) {
                return -1;
            }
            int p = 4;
            boolean usesSeparator = at(p) == '-';
            if (usesSeparator) {
                p++;
            }
            if (at(p) == 'W') {
                p++;
                int week = digits(p, 2);
                if (week < 0) {
                    return -3;
                }
                p += 2;
                int isoDay = 1;
                if (p < limit) {
                    if (usesSeparator && at(p++) != '-') {
                        return -2;
                    }
                    isoDay = digits(p, 1);
                    if (isoDay < 0) {
                        return -4;
                    }
                }
                return isoToOrdinal(year, week, isoDay) ? 0 : -3;
            }
            month = digits(p, 2);
            if (month < 0) {
                return -1;
            }
            p += 2;
            if (usesSeparator && at(p++) != '-') {
                return -2;
            }
            day = digits(p, 2);
            return day < 0 ? -1 : 0;
        }

        /** iso_to_ymd, keeping the ordinal; false also for results outside years 1..9999. */
        private boolean isoToOrdinal(int isoYear, int week, int isoDay) {
            if (isoYear < 1) {
                return false; // year 0 weeks all land before 0001-01-01
            }
            int firstDay = daysBeforeYear(isoYear) + 1;
            int firstWeekday = (firstDay + 6) % 7;
            if (week <= 0 || week >= 53) {
                boolean longYear = firstWeekday == 3 || (firstWeekday == 2 && isLeap(isoYear));
                if (week != 53 || !longYear) {
                    return false;
                }
            }
            if (isoDay <= 0 || isoDay >= 8) {
                return false;
            }
            int week1Monday = firstDay - firstWeekday + (firstWeekday > 3 ? 7 : 0);
            int ord = week1Monday + (week - 1) * 7 + isoDay - 1;
            if (ord < 1 || ord > MAX_ORDINAL) {
                return false;
            }
            ordinal = ord;
            return true;
        }

        /** parse_isoformat_time: 0 = no offset, 1 = offset, negative = error. */
        private int parseTime(int start, int end) {
            int tz = start;
            do {
                int c = at(tz);
                if (c == 'Z' || c == '+' || c == '-') {
                    break;
                }
            } while (++tz < end);

            int rv = parseHhMmSsFf(start, tz);
            if (rv < 0) {
                return rv;
            }
            hour = h;
            minute = m;
            second = sec;
            micro = us;
            if (tz == end) {
                // Trailing junk only matters without an offset; with one, C ignores it.
                return rv == 1 ? -5 : 0;
            }
            if (at(tz) == 'Z') {
                // Compared with the NUL terminator, so "Z\0junk" passes as in C.
                return at(tz + 1) != 0 ? -5 : 1;
            }
            int sign = at(tz) == '-' ? -1 : 1;
            rv = parseHhMmSsFf(tz + 1, end);
            tzOffset = sign * (h * 3600 + m * 60 + sec);
            tzMicro = sign * us;
            return rv != 0 ? -5 : 1;
        }

        /**
         * parse_hh_mm_ss_ff over [start, end): 0 = clean end, 1 = stopped before a non-NUL byte,
         * negative = error. Like C, digit runs may read past end up to the terminator.
         */
        private int parseHhMmSsFf(int start, int end) {
            h = m = sec = us = 0;
            int p = start;
            boolean hasSeparator = true;
            for (int i = 0; i < 3; i++) {
                int v = digits(p, 2);
                if (v < 0) {
                    return -3;
                }
                p += 2;
                if (i == 0) {
                    h = v;
                } else if (i == 1) {
                    m = v;
                } else {
                    sec = v;
                }
                int c = at(p++);
                if (i == 0) {
                    hasSeparator = c == ':';
                }
                if (p >= end) {
                    return c != 0 ? 1 : 0;
                } else if (hasSeparator && c == ':') {
                    continue;
                } else if (c == '.' || c == ',') {
                    break;
                } else if (!hasSeparator) {
                    --p;
                } else {
                    return -4;
                }
            }
            // Reached after '.'/',' or after the seconds (then even ':' or a digit starts the fraction).
            int toParse = Math.min(end - p, 6);
            int v = digits(p, toParse);
            if (v < 0) {
                return -3;
            }
            p += toParse;
            us = v * FRACTION_SCALE[toParse];
            while (isDigit(at(p))) {
                p++;
            }
            return at(p) != 0 ? 1 : 0;
        }
    }

    private static boolean isLeap(int y) {
        return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    private static int daysInMonth(int y, int month) {
        return month == 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[month];
    }

    private static int daysBeforeYear(int y) {
        int x = y - 1;
        return x * 365 + x / 4 - x / 100 + x / 400;
    }

    /** Formats epochMicros+offset back as Python's datetime.isoformat() would (microseconds only when nonzero; "+HH:MM" offset only when hasOffset). */
    public static String format(Parsed p) {
        if (p == null) {
            return null;
        }
        long local = p.localMicros();
        long days = Math.floorDiv(local, US_PER_DAY);
        long timeOfDay = Math.floorMod(local, US_PER_DAY);
        // Civil-from-days (H. Hinnant), valid for any long day count.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long mo = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (mo <= 2 ? 1 : 0);

        StringBuilder sb = new StringBuilder(32);
        if (y < 0) {
            sb.append('-'); // only reachable for hand-made values outside Python's range
            y = -y;
        }
        pad(sb, y, 4).append('-');
        pad(sb, mo, 2).append('-');
        pad(sb, d, 2).append('T');
        long secs = timeOfDay / US_PER_SECOND;
        long frac = timeOfDay % US_PER_SECOND;
        pad(sb, secs / 3600, 2).append(':');
        pad(sb, secs / 60 % 60, 2).append(':');
        pad(sb, secs % 60, 2);
        if (frac != 0) {
            pad(sb.append('.'), frac, 6);
        }
        if (p.hasOffset()) {
            long off = p.offsetSeconds();
            sb.append(off < 0 ? '-' : '+');
            off = Math.abs(off);
            pad(sb, off / 3600, 2).append(':');
            pad(sb, off / 60 % 60, 2);
            if (off % 60 != 0) {
                pad(sb.append(':'), off % 60, 2);
            }
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
