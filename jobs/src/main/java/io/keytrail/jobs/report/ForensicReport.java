package io.keytrail.jobs.report;

import io.keytrail.investigate.AttackPhase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The seed's generate_forensic_report, section by section, then KeyTrail's incident sections. */
public final class ForensicReport {
    private ForensicReport() {}

    /** The seed's phase order (its AttackPhase enum), then the default profile's extra phase. */
    static final List<AttackPhase> ORDER = List.of(AttackPhase.RECONNAISSANCE, AttackPhase.CAPABILITY_TESTING,
            AttackPhase.EXPLOITATION, AttackPhase.PERSISTENCE, AttackPhase.EXFILTRATION, AttackPhase.DEFENSE_EVASION);

    public static Map<String, List<Map<String, Object>>> byPhase(List<Map<String, Object>> timeline) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (AttackPhase p : ORDER) groups.put(p.wire, new ArrayList<>());
        for (Map<String, Object> a : timeline) groups.computeIfAbsent((String) a.get("phase"), k -> new ArrayList<>()).add(a);
        return groups;
    }

    public static String text(IncidentView v) {
        String key = v.key();
        List<String> lines = new ArrayList<>();
        String rule = "=".repeat(70);
        lines.add(rule);
        lines.add("API KEY COMPROMISE - FORENSIC INVESTIGATION REPORT");
        lines.add(rule);
        lines.add("");
        lines.add("Compromised Key: ..." + Text.plain(key.length() > 4 ? key.substring(key.length() - 4) : key) + "  (" + Text.plain(key) + ")");
        lines.add("Provider: " + Text.plain(v.incident().get("provider")));
        lines.add("Data Exposure Risk: " + Text.plain(v.incident().get("data_exposure_risk")));
        lines.add("Financial Exposure: " + Text.plain(v.incident().get("financial_exposure")));
        lines.add("");
        lines.add("SCOPE FINDINGS:");
        for (String f : v.findings()) lines.add("  - " + Text.plain(f));
        lines.add("");
        lines.add("ATTACKER ACTIONS: " + v.timeline().size() + " total");
        lines.add("");
        for (Map.Entry<String, List<Map<String, Object>>> e : byPhase(v.timeline()).entrySet()) {
            List<Map<String, Object>> acts = e.getValue();
            if (acts.isEmpty()) continue;
            lines.add("--- " + e.getKey().toUpperCase(Locale.ROOT) + " (" + acts.size() + " actions) ---");
            for (Map<String, Object> a : acts.subList(0, Math.min(10, acts.size()))) {
                lines.add("  [" + Text.plain(a.get("timestamp")) + "] " + Text.plain(a.get("action")));
            }
            if (acts.size() > 10) lines.add("  ... and " + (acts.size() - 10) + " more");
            lines.add("");
        }
        lines.add("FINANCIAL IMPACT:");
        lines.add(String.format(Locale.ROOT, "  Total attacker cost: $%.2f", v.attackerCost()));
        lines.add(String.format(Locale.ROOT, "  Total tokens consumed: %,d", v.attackerTokens()));
        lines.add("");
        lines.add("INCIDENT:");
        for (String[] kv : Sections.incidentFacts(v)) lines.add("  " + kv[0] + ": " + Text.plain(kv[1]));
        lines.add("");
        lines.add("REMEDIATION CHECKLIST:");
        for (String item : Remediation.checklist(v)) lines.add("  [ ] " + Text.plain(item));
        lines.add("");
        lines.add("BILLING ALERTS (typical daily spend " + Text.money(v.typicalDailySpend()) + "):");
        for (String t : Remediation.billingAlerts(v)) lines.add("  - " + t);
        lines.add("");
        lines.add("POST-INCIDENT REVIEW:");
        for (String[] kv : Sections.review(v)) lines.add("  " + kv[0] + ": " + Text.plain(kv[1]));
        return String.join("\n", lines) + "\n";
    }
}
