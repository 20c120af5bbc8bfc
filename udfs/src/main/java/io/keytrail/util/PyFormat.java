package io.keytrail.util;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;

/** Renders numbers and collections the way the seed's Python f-strings do, so descriptions match. */
public final class PyFormat {
    private PyFormat() {}

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    /** Below this a scaled value and its neighbours are exact in a double and in a long. */
    private static final double FAST_LIMIT = 0x1p52;
    /** Below this a scaled value's rounding error is under a quarter, so near a half its floor is exact. */
    private static final double NEAR_HALF_LIMIT = 0x1p48;

    /** Python's format(x, ".Nf"): the exact binary value rounded half-even. */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String s = fastFixed(x, digits);
        if (s == null) s = exactFixed(x, digits);
        if (x < 0 || (x == 0 && 1 / x < 0)) {
            if (!s.startsWith("-")) s = "-" + s;
        }
        return s;
    }

    static String exactFixed(double x, int digits) {
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * The same digits without BigDecimal (which built a large power of two per call: 4 % of a sweep's
     * detect thread, on every timeline row): scale in double arithmetic, whose error is below one part in
     * 2^52, and round that. When the scaled value is so near a half that the error could cross it, which
     * side of the half the exact value lies on is settled by {@link #sideOfHalf} (costs such as
     * 0.00015 land there often). Gives up (null) only for digits or magnitudes outside that reasoning.
     */
    static String fastFixed(double x, int digits) {
        if (digits < 0 || digits >= POW10.length) return null;
        double a = Math.abs(x);
        double y = a * POW10[digits];
        if (!(y < FAST_LIMIT)) return null;
        double floor = Math.floor(y);
        double fromHalf = y - floor - 0.5;
        long n = (long) floor;
        boolean up;
        if (Math.abs(fromHalf) > Math.max(y, 1) * 0x1p-50) {
            up = fromHalf > 0;
        } else {
            if (!(y < NEAR_HALF_LIMIT)) return null;
            int side = sideOfHalf(a, POW10[digits], n);
            up = side > 0 || (side == 0 && (n & 1) == 1); // a true tie rounds to even
        }
        if (up) n++;
        String sign = x < 0 && n != 0 ? "-" : "";
        if (digits == 0) return sign + n;
        String d = Long.toString(n);
        if (d.length() <= digits) d = "0".repeat(digits - d.length() + 1) + d;
        int point = d.length() - digits;
        return sign + d.substring(0, point) + "." + d.substring(point);
    }

    /**
     * The sign of a·scale − (n + ½), exactly, for a·scale near n + ½ and scale a power of ten up to 10^9.
     * 2·a·scale is the rounded product p plus its error e, which a fused multiply-add gives exactly;
     * p − (2n + 1) is exact as the two are within a factor of two; and the rounded sum of two doubles has
     * the sign of their exact sum.
     */
    static int sideOfHalf(double a, double scale, long n) {
        double c = 2 * scale;
        double p = a * c;
        double e = Math.fma(a, c, -p);
        double t = 2 * n + 1;
        return (int) Math.signum((p - t) + e);
    }

    /** Python's round(x, n) for n >= 0, as a double. */
    public static double round(double x, int digits) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return x;
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** repr() of a list of strings: ['a', 'b']. */
    public static String listRepr(Collection<String> items) {
        return seq(items, "[", "]", "[]");
    }

    /** repr() of a set of strings: {'a', 'b'}; the empty set is set(). */
    public static String setRepr(Collection<String> items) {
        return seq(items, "{", "}", "set()");
    }

    private static String seq(Collection<String> items, String open, String close, String empty) {
        if (items.isEmpty()) return empty;
        StringBuilder b = new StringBuilder(open);
        Iterator<String> it = items.iterator();
        while (it.hasNext()) {
            b.append(strRepr(it.next()));
            if (it.hasNext()) b.append(", ");
        }
        return b.append(close).toString();
    }

    /** repr() of a str, for the printable cases that occur in ids, models and IPs. */
    public static String strRepr(String s) {
        if (s == null) return "None";
        boolean hasSingle = s.indexOf('\'') >= 0, hasDouble = s.indexOf('"') >= 0;
        char q = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == q || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.append(q).toString();
    }

    /** str() of a number the way Python prints an int or a float (500 → "500", 500.5 → "500.5"). */
    public static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return String.valueOf((long) x);
        return String.valueOf(x);
    }
}
