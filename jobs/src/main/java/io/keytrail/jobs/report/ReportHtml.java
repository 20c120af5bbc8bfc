package io.keytrail.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A self-contained HTML report: inline CSS and SVG, no script, nothing fetched from the network. */
final class ReportHtml {
    private ReportHtml() {}

    static String render(IncidentView v) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        b.append("<title>KeyTrail incident ").append(Text.html(v.shortId())).append("</title><style>");
        b.append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}");
        b.append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px;vertical-align:top}");
        b.append(".sev{display:inline-block;padding:2px 8px;border-radius:4px;color:#fff;background:#d62728}.phase{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}");
        b.append("pre{background:#f6f6f6;padding:12px;white-space:pre-wrap}</style></head><body>");
        b.append("<h1>API key compromise: ").append(Text.html(v.key())).append(" <span class=\"sev\">").append(Text.html(v.incident().get("severity"))).append("</span></h1>");
        b.append("<table>");
        row(b, "Provider", v.incident().get("provider"));
        row(b, "Data exposure risk", v.incident().get("data_exposure_risk"));
        row(b, "Financial exposure", v.incident().get("financial_exposure"));
        for (String[] kv : Sections.incidentFacts(v)) row(b, kv[0], kv[1]);
        b.append("</table>");
        b.append("<h2>Hourly requests and cost against the baseline</h2>").append(HourlyChart.svg(v));
        b.append("<h2>Scope findings</h2><ul>");
        for (String f : v.findings()) b.append("<li>").append(Text.html(f)).append("</li>");
        b.append("</ul><h2>Attacker actions (").append(v.timeline().size()).append(" total)</h2>");
        for (Map.Entry<String, List<Map<String, Object>>> e : ForensicReport.byPhase(v.timeline()).entrySet()) {
            if (e.getValue().isEmpty()) continue;
            b.append("<h3><span class=\"phase\" style=\"background:").append(HourlyChart.PHASE_COLORS.getOrDefault(e.getKey(), "#7f7f7f"))
                    .append("\"></span>").append(Text.html(e.getKey())).append(" (").append(e.getValue().size()).append(")</h3><table><tr><th>time</th><th>action</th><th>source IP</th><th>user agent</th></tr>");
            for (Map<String, Object> a : e.getValue().subList(0, Math.min(10, e.getValue().size()))) {
                b.append("<tr><td>").append(Text.html(a.get("timestamp"))).append("</td><td>").append(Text.html(a.get("action")))
                        .append("</td><td>").append(Text.html(a.get("source_ip"))).append("</td><td>").append(Text.html(a.get("user_agent"))).append("</td></tr>");
            }
            b.append("</table>");
            if (e.getValue().size() > 10) b.append("<p>... and ").append(e.getValue().size() - 10).append(" more</p>");
        }
        b.append("<h2>Financial impact</h2><p>").append(String.format(Locale.ROOT, "Total attacker cost: $%.2f. Total tokens consumed: %,d.",
                v.attackerCost(), v.attackerTokens())).append("</p>");
        b.append("<h2>Remediation checklist</h2><ul>");
        for (String item : Remediation.checklist(v)) b.append("<li>&#9744; ").append(Text.html(item)).append("</li>");
        b.append("</ul><h2>Billing alerts</h2><ul>");
        for (String t : Remediation.billingAlerts(v)) b.append("<li>").append(Text.html(t)).append("</li>");
        b.append("</ul><h2>Post-incident review</h2><table>");
        for (String[] kv : Sections.review(v)) row(b, kv[0], kv[1]);
        b.append("</table><h2>Note for the provider's support team</h2><pre>").append(String.join("\n", java.util.Arrays.stream(Remediation.supportNote(v).split("\n", -1)).map(Text::html).toList())).append("</pre>");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, Object v) {
        b.append("<tr><th>").append(Text.html(k)).append("</th><td>").append(Text.html(v)).append("</td></tr>");
    }
}
