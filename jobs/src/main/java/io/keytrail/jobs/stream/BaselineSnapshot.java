package io.keytrail.jobs.stream;

import io.keytrail.jobs.output.TableRows;
import io.keytrail.model.Baseline;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A baselines table (written by `sweep` or `baseline`) read back into Baseline objects. */
public final class BaselineSnapshot {
    private BaselineSnapshot() {}

    /** Reads {@code dir} if it holds Parquet files, else {@code dir/baselines}. */
    public static List<Baseline> read(Path dir) throws IOException {
        List<Map<String, Object>> rows = TableRows.read(dir);
        if (rows.isEmpty() && TableRows.files(dir).isEmpty()) rows = TableRows.read(new Path(dir, "baselines"));
        List<Baseline> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) out.add(of(r));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Baseline of(Map<String, Object> r) {
        Baseline b = new Baseline();
        b.apiKeyId = (String) r.get("api_key_id");
        b.apiKeyFingerprint = (String) r.get("api_key_fingerprint");
        b.provider = (String) r.get("provider");
        b.avgDailyRequests = num(r, "avg_daily_requests");
        b.maxDailyRequests = num(r, "max_daily_requests");
        b.stdDailyRequests = num(r, "std_daily_requests");
        b.avgDailyCost = num(r, "avg_daily_cost");
        b.maxDailyCost = num(r, "max_daily_cost");
        b.knownModels = new ArrayList<>((List<String>) r.get("known_models"));
        b.knownIps = new ArrayList<>((List<String>) r.get("known_ips"));
        Object eps = r.get("known_endpoints");
        b.knownEndpoints = eps == null ? new ArrayList<>() : new ArrayList<>((List<String>) eps);
        List<Integer> hours = new ArrayList<>();
        for (Object h : (List<Object>) r.get("active_hours")) hours.add(((Number) h).intValue());
        b.activeHours = hours;
        b.windowStartMicros = io.keytrail.jobs.report.Text.micros(r.get("window_start"));
        b.windowEndMicros = io.keytrail.jobs.report.Text.micros(r.get("window_end"));
        b.daysObserved = ((Number) r.get("days_observed")).intValue();
        b.records = ((Number) r.get("records")).longValue();
        b.requests = ((Number) r.get("requests")).longValue();
        b.profile = (String) r.get("profile");
        b.baselineVersion = (String) r.get("baseline_version");
        return b;
    }

    private static double num(Map<String, Object> r, String c) {
        return ((Number) r.get(c)).doubleValue();
    }
}
