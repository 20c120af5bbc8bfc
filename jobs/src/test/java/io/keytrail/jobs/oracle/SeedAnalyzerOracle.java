package io.keytrail.jobs.oracle;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent, line-by-line port of the seed's APIKeyUsageAnalyzer (build_baseline +
 * analyze_records), written for the tests only. It shares no code with KeyTrail: it parses
 * timestamps with java.time, keeps Python's insertion orders and float operations, and returns the
 * (key, day, alert_type, severity) set the seed would.
 */
public final class SeedAnalyzerOracle {
    public record AlertKey(String key, String day, String type, String severity) {}

    private static final class Baseline {
        double avg, std, avgCost;
        Set<String> models = new HashSet<>();
        Set<String> ips = new HashSet<>();
        Set<Integer> activeHours = new HashSet<>();
    }

    private final Map<String, Baseline> baselines = new HashMap<>();

    /** datetime.fromisoformat for the forms the tests write: wall-clock fields as written. */
    static LocalDateTime asWritten(String ts) {
        try {
            return OffsetDateTime.parse(ts).toLocalDateTime();
        } catch (Exception e) {
            return LocalDateTime.parse(ts);
        }
    }

    public void buildBaseline(List<SeedRecord> history) {
        Map<String, List<SeedRecord>> byKey = new LinkedHashMap<>();
        for (SeedRecord r : history) byKey.computeIfAbsent(r.apiKeyPrefix(), k -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<SeedRecord>> e : byKey.entrySet()) {
            LinkedHashMap<String, Long> dailyReq = new LinkedHashMap<>();
            LinkedHashMap<String, Double> dailyCost = new LinkedHashMap<>();
            Baseline b = new Baseline();
            Map<Integer, Long> hourly = new HashMap<>();
            for (SeedRecord r : e.getValue()) {
                LocalDateTime dt = asWritten(r.timestamp());
                String day = dt.toLocalDate().toString();
                dailyReq.merge(day, 1L, Long::sum);
                double c = r.costUsd() == null ? 0.0 : r.costUsd();
                dailyCost.put(day, dailyCost.getOrDefault(day, 0.0) + c);
                b.models.add(r.model());
                if (r.sourceIp() != null && !r.sourceIp().isEmpty()) b.ips.add(r.sourceIp());
                hourly.merge(dt.getHour(), 1L, Long::sum);
            }
            List<Long> counts = new ArrayList<>(dailyReq.values());
            long sum = 0;
            for (long x : counts) sum += x;
            b.avg = (double) sum / Math.max(counts.size(), 1);
            b.std = std(counts);
            double csum = 0;
            for (double x : dailyCost.values()) csum += x;
            b.avgCost = csum / Math.max(dailyCost.size(), 1);
            int n = e.getValue().size();
            hourly.forEach((h, c) -> {
                if (c > n * 0.01) b.activeHours.add(h);
            });
            baselines.put(e.getKey(), b);
        }
    }

    static double std(List<Long> values) {
        if (values.size() < 2) return 0.0;
        long s = 0;
        for (long v : values) s += v;
        double mean = (double) s / values.size();
        double acc = 0;
        for (long v : values) acc += Math.pow(v - mean, 2);
        return Math.pow(acc / (values.size() - 1), 0.5);
    }

    public Set<String> knownIps(String key) {
        Baseline b = baselines.get(key);
        return b == null ? Set.of() : b.ips;
    }

    public Set<AlertKey> analyze(List<SeedRecord> records) {
        Map<String, Map<String, List<SeedRecord>>> grouped = new LinkedHashMap<>();
        for (SeedRecord r : records) {
            String day = asWritten(r.timestamp()).toLocalDate().toString();
            grouped.computeIfAbsent(r.apiKeyPrefix(), k -> new LinkedHashMap<>()).computeIfAbsent(day, d -> new ArrayList<>()).add(r);
        }
        Set<AlertKey> alerts = new LinkedHashSet<>();
        grouped.forEach((key, days) -> {
            Baseline b = baselines.get(key);
            if (b == null) return;
            days.forEach((day, recs) -> {
                long count = recs.size();
                if (b.std > 0 && count > b.avg + 3 * b.std) {
                    alerts.add(new AlertKey(key, day, "volume_spike", count > b.avg * 10 ? "critical" : "high"));
                }
                double total = 0;
                for (SeedRecord r : recs) total += r.costUsd() == null ? 0.0 : r.costUsd();
                if (total > Math.max(b.avgCost * 5, 10.0)) alerts.add(new AlertKey(key, day, "cost_spike", "critical"));
                for (SeedRecord r : recs) {
                    if (!b.models.contains(r.model())) {
                        alerts.add(new AlertKey(key, day, "unknown_model", "high"));
                        break;
                    }
                }
                if (!b.ips.isEmpty()) {
                    for (SeedRecord r : recs) {
                        if (r.sourceIp() != null && !r.sourceIp().isEmpty() && !b.ips.contains(r.sourceIp())) {
                            alerts.add(new AlertKey(key, day, "unknown_source_ip", "high"));
                            break;
                        }
                    }
                }
                if (!b.activeHours.isEmpty()) {
                    long off = 0;
                    for (SeedRecord r : recs) if (!b.activeHours.contains(asWritten(r.timestamp()).getHour())) off++;
                    if (off > recs.size() * 0.3) alerts.add(new AlertKey(key, day, "off_hours_usage", "medium"));
                }
            });
        });
        return alerts;
    }
}
