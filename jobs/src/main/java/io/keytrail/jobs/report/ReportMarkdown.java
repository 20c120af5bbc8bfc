package io.keytrail.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown: every section of the text report, as tables and checklists. */
final class ReportMarkdown {
    private ReportMarkdown() {}

    static String render(IncidentView v) {
        StringBuilder b = new StringBuilder();
        b.append("# API key compromise: ").append(Text.md(v.key())).append("\n\n");
        b.append("| | |\n| --- | --- |\n");
        b.append("| Provider | ").append(Text.md(v.incident().get("provider"))).append(" |\n");
        b.append("| Data exposure risk | ").append(Text.md(v.incident().get("data_exposure_risk"))).append(" |\n");
        b.append("| Financial exposure | ").append(Text.md(v.incident().get("financial_exposure"))).append(" |\n");
        for (String[] kv : Sections.incidentFacts(v)) b.append("| ").append(kv[0]).append(" | ").append(Text.md(kv[1])).append(" |\n");
        b.append("\n## Scope findings\n\n");
        for (String f : v.findings()) b.append("- ").append(Text.md(f)).append('\n');
        b.append("\n## Attacker actions (").append(v.timeline().size()).append(" total)\n");
        for (Map.Entry<String, List<Map<String, Object>>> e : ForensicReport.byPhase(v.timeline()).entrySet()) {
            if (e.getValue().isEmpty()) continue;
            b.append("\n### ").append(e.getKey()).append(" (").append(e.getValue().size()).append(")\n\n| time | action |\n| --- | --- |\n");
            for (Map<String, Object> a : e.getValue().subList(0, Math.min(10, e.getValue().size()))) {
                b.append("| ").append(Text.md(a.get("timestamp"))).append(" | ").append(Text.md(a.get("action"))).append(" |\n");
            }
            if (e.getValue().size() > 10) b.append("\n... and ").append(e.getValue().size() - 10).append(" more\n");
        }
        b.append("\n## Financial impact\n\n");
        b.append(String.format(Locale.ROOT, "- Total attacker cost: $%.2f%n- Total tokens consumed: %,d%n", v.attackerCost(), v.attackerTokens()));
        b.append("\n## Remediation checklist\n\n");
        for (String item : Remediation.checklist(v)) b.append("- [ ] ").append(Text.md(item)).append('\n');
        b.append("\n## Billing alerts\n\nTypical daily spend ").append(Text.money(v.typicalDailySpend())).append(":\n\n");
        for (String t : Remediation.billingAlerts(v)) b.append("- ").append(t).append('\n');
        b.append("\n## Post-incident review\n\n| | |\n| --- | --- |\n");
        for (String[] kv : Sections.review(v)) b.append("| ").append(kv[0]).append(" | ").append(Text.md(kv[1])).append(" |\n");
        b.append("\n## Note for the provider's support team\n\n");
        for (String line : Remediation.supportNote(v).split("\n", -1)) b.append("> ").append(Text.md(line)).append("  \n");
        return b.toString();
    }
}
