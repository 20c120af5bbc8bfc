package io.keytrail.util;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Iterator;

/** Renders numbers and collections the way the seed's Python f-strings do, so descriptions match. */
public final class PyFormat {
    private PyFormat() {}

    /** Python's format(x, ".Nf"): the exact binary value rounded half-even. */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        if (x < 0 || (x == 0 && 1 / x < 0)) {
            if (!s.startsWith("-")) s = "-" + s;
        }
        return s;
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
