package io.keytrail.jobs.report;

import java.util.List;
import java.util.Map;

/** iocs.csv: RFC 4180 quoting, control characters neutralised, no formula injection into spreadsheets. */
final class IocCsv {
    private IocCsv() {}

    static String render(List<Map<String, Object>> iocs) {
        StringBuilder b = new StringBuilder("incident_id,api_key_id,type,value,first_seen\n");
        for (Map<String, Object> i : iocs) {
            b.append(cell(i.get("incident_id"))).append(',').append(cell(i.get("api_key_id"))).append(',')
                    .append(cell(i.get("type"))).append(',').append(cell(i.get("value"))).append(',')
                    .append(cell(i.get("first_seen"))).append('\n');
        }
        return b.toString();
    }

    static String cell(Object v) {
        String s = Text.plain(v);
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("'")) s = "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
