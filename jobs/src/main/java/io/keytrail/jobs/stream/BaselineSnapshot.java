package io.keytrail.jobs.stream;

import io.keytrail.jobs.tables.TableRows;
import io.keytrail.model.Baseline;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Baselines for a stream: a baselines table written by `sweep` (OUT/baselines, or OUT), or a snapshot
 * directory written by `baseline` (one complete DIR/&lt;version&gt;/ per refresh, marked _SUCCESS).
 */
public final class BaselineSnapshot {
    private BaselineSnapshot() {}

    /** True when {@code dir} is a `baseline` snapshot directory (refreshes can appear in it). */
    public static boolean isSnapshotDir(Path dir) throws IOException {
        return latestSnapshot(dir) != null;
    }

    /** The newest complete snapshot under {@code dir} (versions sort by their as-of day), or null. */
    static Path latestSnapshot(Path dir) throws IOException {
        var fs = dir.getFileSystem();
        if (!fs.exists(dir)) return null;
        Path best = null;
        for (var st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (st.isDir() && !n.startsWith(".") && !n.startsWith("_") && fs.exists(new Path(st.getPath(), "_SUCCESS"))
                    && (best == null || n.compareTo(best.getName()) > 0)) {
                best = st.getPath();
            }
        }
        return best;
    }

    /** A sweep's baselines table: {@code dir} itself when it holds Parquet files, else {@code dir/baselines}. */
    public static Path table(Path dir) throws IOException {
        return TableRows.files(dir).isEmpty() ? new Path(dir, "baselines") : dir;
    }

    /** The baselines to start from: the table itself, OUT/baselines, or the newest snapshot. */
    public static List<Baseline> read(Path dir) throws IOException {
        Path table = dir;
        if (TableRows.files(dir).isEmpty() || latestSnapshot(dir) != null) {
            Path snap = latestSnapshot(dir);
            table = snap != null ? snap : new Path(dir, "baselines");
        }
        List<Baseline> out = new ArrayList<>();
        for (Map<String, Object> r : TableRows.read(table)) out.add(of(r));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static Baseline of(Map<String, Object> r) {
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
        Object uas = r.get("known_user_agents");
        b.knownUserAgents = uas == null ? new ArrayList<>() : new ArrayList<>((List<String>) uas);
        Object p99 = r.get("p99_request_tokens");
        b.p99RequestTokens = p99 == null ? 0 : ((Number) p99).doubleValue();
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
