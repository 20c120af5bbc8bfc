package io.keytrail.jobs.evaluate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints the scores of several profiles side by side as a Markdown table: one row per group and profile. */
public final class EvaluationTable {
    private EvaluationTable() {}

    public static String render(Map<String, Map<String, GroupScores>> byProfile) {
        StringBuilder b = new StringBuilder();
        b.append("| keys | n | profile | flagged | recall | precision | TTD median | TTD p90 | start ±10 min | attribution P | attribution R |\n");
        b.append("| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |\n");
        Set<String> groups = new LinkedHashSet<>();
        byProfile.values().forEach(m -> groups.addAll(m.keySet()));
        for (String g : groups) {
            for (Map.Entry<String, Map<String, GroupScores>> p : byProfile.entrySet()) {
                GroupScores s = p.getValue().get(g);
                if (s == null) continue;
                b.append("| ").append(g).append(" | ").append(s.keys).append(" | ").append(p.getKey()).append(" | ")
                        .append(s.flagged).append(" | ")
                        .append(ratio(s.truePositives, s.compromised)).append(" | ")
                        .append(ratio(s.truePositives, s.flagged)).append(" | ")
                        .append(minutes(s.medianTtd())).append(" | ")
                        .append(minutes(s.p90Ttd())).append(" | ")
                        .append(ratio(s.startWithin10Min, s.compromised)).append(" | ")
                        .append(fraction(s.attributionPrecision())).append(" | ")
                        .append(fraction(s.attributionRecall())).append(" |\n");
            }
        }
        return b.toString();
    }

    static String ratio(long num, long den) {
        if (den == 0) return "–";
        return num + "/" + den + " (" + String.format("%.0f%%", 100.0 * num / den) + ")";
    }

    static String minutes(double m) {
        if (Double.isNaN(m)) return "–";
        return String.format("%.1f min", m);
    }

    static String fraction(double f) {
        return Double.isNaN(f) ? "–" : String.format("%.3f", f);
    }

    /** The rows' meaning, printed under the table. */
    public static final List<String> LEGEND = List.of(
            "flagged: keys with a high or critical incident; recall and precision are over keys (an attack class has no",
            "false positives to count, a legitimate class no compromised keys). TTD: the first high/critical incident",
            "revision's detected_at minus the true start, event time, over detected keys. start ±10 min: flagged compromised",
            "keys whose incident's compromise_start is within 10 minutes of the truth. attribution: timeline entries that are",
            "attacker records (P) and attacker records found in timelines (R), matched on (api_key_id, timestamp, model, endpoint).");
}
