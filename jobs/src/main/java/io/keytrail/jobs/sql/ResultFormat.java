package io.keytrail.jobs.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keytrail.jobs.report.Text;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a query result as an aligned table, CSV (RFC 4180, header row) or JSON lines. */
final class ResultFormat {
    // Non-ASCII as \\uXXXX: the data stays exact and no C1 control or bidi override reaches a terminal raw.
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private ResultFormat() {
    }

    static void print(PrintStream out, String format, List<String> names, List<Object[]> rows) {
        switch (format) {
            case "csv": csv(out, names, rows); break;
            case "json": json(out, names, rows); break;
            default: table(out, names, rows);
        }
        out.flush();
    }

    private static void table(PrintStream out, List<String> names, List<Object[]> rows) {
        int n = names.size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = names.get(i).length();
            right[i] = true;
        }
        List<String[]> cells = new ArrayList<>();
        for (Object[] r : rows) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                // Values come from hostile input: no escape sequence reaches the analyst's terminal.
                c[i] = r[i] == null ? "NULL" : Text.plain(text(r[i], true));
                width[i] = Math.max(width[i], c[i].length());
                if (r[i] != null && !(r[i] instanceof Number)) right[i] = false;
            }
            cells.add(c);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " | ").append(pad(names.get(i), width[i], right[i] && !rows.isEmpty()));
        out.println(b.toString().stripTrailing());
        b.setLength(0);
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        out.println(b);
        for (String[] c : cells) {
            b.setLength(0);
            for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " | ").append(pad(c[i], width[i], right[i]));
            out.println(b.toString().stripTrailing());
        }
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static void csv(PrintStream out, List<String> names, List<Object[]> rows) {
        out.println(String.join(",", names.stream().map(ResultFormat::csvCell).toList()));
        for (Object[] r : rows) {
            List<String> c = new ArrayList<>();
            for (Object v : r) c.add(v == null ? "" : csvCell(Text.plain(text(v, false))));
            out.println(String.join(",", c));
        }
    }

    private static void json(PrintStream out, List<String> names, List<Object[]> rows) {
        for (Object[] r : rows) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < names.size(); i++) o.set(names.get(i), JSON.valueToTree(jsonValue(r[i])));
            try {
                out.println(JSON.writeValueAsString(o));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof Object[]) {
            List<Object> l = new ArrayList<>();
            for (Object e : (Object[]) v) l.add(jsonValue(e));
            return l;
        }
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((k, x) -> m.put(String.valueOf(k), jsonValue(x)));
            return m;
        }
        return text(v, false);
    }

    /** A value as text; {@code short} rounds doubles for the aligned table. */
    static String text(Object v, boolean shortForm) {
        if (v instanceof Instant) return ((Instant) v).toString();
        if (v instanceof LocalDateTime) return TS.format((LocalDateTime) v);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!shortForm || Double.isNaN(d) || Double.isInfinite(d)) return String.valueOf(v);
            return new BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : ", ").append(a[i] == null ? "NULL" : text(a[i], shortForm));
            return b.append(']').toString();
        }
        if (v instanceof java.time.OffsetDateTime) return ((java.time.OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toString();
        return String.valueOf(v);
    }

    private static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }
}
