package io.keytrail.jobs.report;

import io.keytrail.ingest.TsValue;
import io.keytrail.time.IsoTimestamp;

import java.util.List;
import java.util.Locale;

/**
 * Renders values from hostile input safely: control characters and ANSI escapes never reach a
 * terminal or file, HTML is escaped, Markdown table cells cannot break out.
 */
public final class Text {
    private Text() {}

    /** Printable text: control characters (ANSI ESC included) become '?'. */
    public static String plain(Object v) {
        if (v == null) return "";
        String s = v instanceof TsValue t ? iso(t.epochMicros()) : String.valueOf(v);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (bad) {
                if (b == null) b = new StringBuilder(s.substring(0, i));
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    public static String html(Object v) {
        String s = plain(v);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /** A Markdown table cell or inline text: no pipes, backticks, angle brackets or line breaks survive raw. */
    public static String md(Object v) {
        return html(v).replace("|", "\\|").replace("`", "\\`").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[");
    }

    public static String iso(long micros) {
        return IsoTimestamp.format(new IsoTimestamp.Parsed(micros, 0, true));
    }

    public static long micros(Object v) {
        return v instanceof TsValue t ? t.epochMicros() : Long.MIN_VALUE;
    }

    @SuppressWarnings("unchecked")
    public static List<String> list(Object v) {
        return v == null ? List.of() : (List<String>) v;
    }

    public static String money(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    public static String duration(long seconds) {
        if (seconds < 0) return "n/a";
        long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;
        if (d > 0) return d + "d " + h + "h " + m + "m";
        if (h > 0) return h + "h " + m + "m";
        return m + "m " + seconds % 60 + "s";
    }
}
