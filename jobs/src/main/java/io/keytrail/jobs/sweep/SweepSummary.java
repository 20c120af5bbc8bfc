package io.keytrail.jobs.sweep;

import io.keytrail.flink.DetectionFunction;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.model.AlertType;
import io.keytrail.model.Severity;
import io.keytrail.parquet.ParquetColumnsReader;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures a sweep reports on stdout and in its _runs record. */
public final class SweepSummary {
    public long historyRecords;
    public long historyRejects;
    public long archiveRecords;
    public long archiveRejects;
    public long listingRejects;
    public long baselines;
    public long archiveKeys;
    public long archiveRecordsWithoutBaseline;
    public long alerts;
    public long incidents;
    public final Map<String, Long> incidentsBySeverity = new TreeMap<>();
    /** alert_type → severity → count, final revisions only. */
    public final Map<String, Map<String, Long>> alertsByType = new LinkedHashMap<>();
    public double elapsedSeconds;
    public double jobSeconds;

    static SweepSummary collect(OutputDir dir, Map<String, Object> acc, long listingRejects, long elapsedNanos,
                                long jobMillis) throws IOException {
        SweepSummary s = new SweepSummary();
        s.historyRecords = SweepCommand.count(acc, "history-records");
        s.historyRejects = SweepCommand.count(acc, "history-rejects");
        s.archiveRecords = SweepCommand.count(acc, "archive-records");
        s.archiveRejects = SweepCommand.count(acc, "archive-rejects");
        s.listingRejects = listingRejects;
        s.archiveKeys = SweepCommand.count(acc, DetectionFunction.USAGE_KEYS);
        s.archiveRecordsWithoutBaseline = SweepCommand.count(acc, DetectionFunction.NO_BASELINE_RECORDS);
        s.elapsedSeconds = elapsedNanos / 1e9;
        s.jobSeconds = jobMillis / 1000.0;
        s.baselines = countRows(dir.table("baselines"));
        Map<String, Object[]> latest = new HashMap<>();
        for (Path f : parquetFiles(dir.table("alerts"))) {
            ParquetColumnsReader.read(f, List.of("alert_id", "revision", "alert_type", "severity"), row -> {
                Object[] prev = latest.get((String) row[0]);
                if (prev == null || ((Number) prev[1]).longValue() < ((Number) row[1]).longValue()) latest.put((String) row[0], row);
            });
        }
        for (String t : AlertType.ALL) s.alertsByType.put(t, new TreeMap<>());
        for (Object[] row : latest.values()) {
            s.alertsByType.computeIfAbsent((String) row[2], k -> new TreeMap<>()).merge((String) row[3], 1L, Long::sum);
        }
        s.alerts = latest.size();
        Map<String, Object[]> incidents = new HashMap<>();
        for (Path f : parquetFiles(dir.table("incidents"))) {
            ParquetColumnsReader.read(f, List.of("incident_id", "revision", "severity"), row -> {
                Object[] prev = incidents.get((String) row[0]);
                if (prev == null || ((Number) prev[1]).longValue() < ((Number) row[1]).longValue()) incidents.put((String) row[0], row);
            });
        }
        s.incidents = incidents.size();
        for (Object[] row : incidents.values()) s.incidentsBySeverity.merge((String) row[2], 1L, Long::sum);
        return s;
    }

    static long countRows(Path table) throws IOException {
        long[] n = {0};
        for (Path f : parquetFiles(table)) ParquetColumnsReader.read(f, List.of("api_key_id"), r -> n[0]++);
        return n[0];
    }

    static List<Path> parquetFiles(Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem();
        List<Path> out = new java.util.ArrayList<>();
        if (!fs.exists(dir)) return out;
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (n.startsWith(".") || n.startsWith("_")) continue;
            if (st.isDir()) out.addAll(parquetFiles(st.getPath()));
            else if (n.endsWith(".parquet")) out.add(st.getPath());
        }
        return out;
    }

    public long recordsRead() {
        return historyRecords + historyRejects + archiveRecords + archiveRejects;
    }

    void print(PrintStream out, String profile, String outDir) {
        out.printf("KeyTrail sweep, profile %s -> %s%n", profile, outDir);
        out.printf("  records    history %,d read, %,d rejected | archive %,d read, %,d rejected%s%n",
                historyRecords + historyRejects, historyRejects, archiveRecords + archiveRejects, archiveRejects,
                listingRejects > 0 ? " | " + listingRejects + " files not readable" : "");
        out.printf("  keys       %,d baselines | %,d keys in the archive (%,d archive records without a baseline, not analysed)%n",
                baselines, archiveKeys, archiveRecordsWithoutBaseline);
        out.printf("  alerts     %,d%n", alerts);
        for (Map.Entry<String, Map<String, Long>> e : alertsByType.entrySet()) {
            long n = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            StringBuilder b = new StringBuilder();
            for (int i = Severity.values().length - 1; i >= 0; i--) {
                Long c = e.getValue().get(Severity.values()[i].label());
                if (c != null) b.append(b.length() == 0 ? "" : ", ").append(Severity.values()[i].label()).append(' ').append(c);
            }
            out.printf("    %-18s %,6d%s%n", e.getKey(), n, b.length() == 0 ? "" : "  (" + b + ")");
        }
        out.printf("  incidents  %,d%s%n", incidents, incidentsBySeverity.isEmpty() ? "" : "  " + incidentsBySeverity);
        out.printf("  elapsed    %.1f s (job %.1f s), %,.0f records/s%n", elapsedSeconds, jobSeconds,
                recordsRead() / Math.max(0.001, elapsedSeconds));
    }
}
