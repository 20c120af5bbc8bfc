package io.keytrail.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The facts every report format shows: the incident's window and the post-incident review figures. */
final class Sections {
    private Sections() {}

    static String when(IncidentView v, String column) {
        long t = v.micros(column);
        return t == Long.MIN_VALUE ? "not known" : Text.iso(t);
    }

    static List<String[]> incidentFacts(IncidentView v) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"Incident", v.id()});
        f.add(new String[] {"Severity", String.valueOf(v.incident().get("severity"))});
        f.add(new String[] {"Compromise start", when(v, "compromise_start") + " (" + v.incident().get("compromise_start_source") + ")"});
        f.add(new String[] {"First exposure", when(v, "exposure_at")});
        f.add(new String[] {"Detected", when(v, "detected_at")});
        f.add(new String[] {"Last attacker activity", when(v, "last_activity_at")});
        f.add(new String[] {"Contained", when(v, "contained_at")});
        f.add(new String[] {"Alert types", String.join(", ", Text.list(v.incident().get("alert_types")))});
        f.add(new String[] {"Attacker IPs", String.join(", ", Text.list(v.incident().get("attacker_ips")))});
        f.add(new String[] {"Attacker user agents", String.join(", ", Text.list(v.incident().get("attacker_user_agents")))});
        f.add(new String[] {"Attacker requests", String.format(Locale.ROOT, "%,d", ((Number) v.incident().get("attacker_requests")).longValue())});
        return f;
    }

    static List<String[]> review(IncidentView v) {
        List<String[]> r = new ArrayList<>();
        Object dwell = v.incident().get("dwell_time_seconds");
        r.add(new String[] {"Dwell time (exposure or start to detection)", dwell == null ? "n/a" : Text.duration(((Number) dwell).longValue())});
        long detected = v.micros("detected_at"), contained = v.micros("contained_at");
        r.add(new String[] {"Time to contain (detection to containment)", detected == Long.MIN_VALUE || contained == Long.MIN_VALUE
                ? "not contained in the data" : Text.duration(Math.max(0, (contained - detected) / 1_000_000L))});
        r.add(new String[] {"Attacker cost", Text.money(v.attackerCost())});
        r.add(new String[] {"Attacker tokens", String.format(Locale.ROOT, "%,d", v.attackerTokens())});
        double invCost = v.org().investigationHours * v.org().investigationHourlyRateUsd;
        r.add(new String[] {"Investigation cost", String.format(Locale.ROOT, "%s (%.1f h at %s/h, conf/org.json)", Text.money(invCost),
                v.org().investigationHours, Text.money(v.org().investigationHourlyRateUsd))});
        r.add(new String[] {"Total impact", Text.money(invCost + v.attackerCost())});
        List<String> holders = v.settings().keyHolders;
        r.add(new String[] {"Who and what had access to the key", holders.isEmpty() ? "not recorded (add key_holders to conf/org.json)"
                : String.join("; ", holders)});
        return r;
    }
}
