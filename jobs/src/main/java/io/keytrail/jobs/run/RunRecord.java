package io.keytrail.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.jobs.sweep.SweepSummary;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** OUT/_runs/<run-id>.json: what a run did, from what, with which settings, and what it counted. */
public final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root;

    private RunRecord(ObjectNode root) {
        this.root = root;
    }

    public static RunRecord of(String command, String runId, Options opts, String profile, String baselineVersion,
                               InputFiles history, InputFiles archive, SweepSummary s, long elapsedNanos) {
        ObjectNode r = JSON.createObjectNode();
        r.put("run_id", runId);
        r.put("command", command);
        r.put("finished_at", Instant.now().toString());
        r.put("profile", profile);
        r.put("baseline_version", baselineVersion);
        ObjectNode inputs = r.putObject("inputs");
        inputs.set("history", files(history));
        inputs.set("archive", files(archive));
        ObjectNode counts = r.putObject("counts");
        counts.put("history_records", s.historyRecords);
        counts.put("history_rejects", s.historyRejects);
        counts.put("archive_records", s.archiveRecords);
        counts.put("archive_rejects", s.archiveRejects);
        counts.put("unreadable_files", s.listingRejects);
        counts.put("baselines", s.baselines);
        counts.put("archive_keys", s.archiveKeys);
        counts.put("archive_records_without_baseline", s.archiveRecordsWithoutBaseline);
        counts.put("alerts", s.alerts);
        ObjectNode byType = counts.putObject("alerts_by_type");
        s.alertsByType.forEach((t, m) -> {
            ObjectNode n = byType.putObject(t);
            m.forEach(n::put);
        });
        ObjectNode timings = r.putObject("timings");
        timings.put("elapsed_seconds", elapsedNanos / 1e9);
        timings.put("job_seconds", s.jobSeconds);
        timings.put("records_per_second", s.recordsRead() / Math.max(0.001, elapsedNanos / 1e9));
        ArrayNode tables = r.putArray("tables");
        for (String t : List.of("baselines", "alerts", "timelines", "incidents", "scope", "iocs", "usage_hourly", "rejects")) tables.add(t);
        counts.put("incidents", s.incidents);
        return new RunRecord(r);
    }

    /** A run record for commands other than sweep: settings, inputs, counts and the tables written. */
    public static RunRecord of(String command, String runId, java.util.Map<String, String> settings, InputFiles in,
                               java.util.Map<String, Long> counts, long elapsedNanos, java.util.List<String> tables) {
        ObjectNode r = JSON.createObjectNode();
        r.put("run_id", runId);
        r.put("command", command);
        r.put("finished_at", Instant.now().toString());
        ObjectNode set = r.putObject("settings");
        settings.forEach(set::put);
        r.putObject("inputs").set(in.input, files(in));
        ObjectNode c = r.putObject("counts");
        counts.forEach(c::put);
        r.putObject("timings").put("elapsed_seconds", elapsedNanos / 1e9);
        ArrayNode t = r.putArray("tables");
        tables.forEach(t::add);
        return new RunRecord(r);
    }

    private static ObjectNode files(InputFiles in) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("files");
        for (Path p : in.files) a.add(p.toString());
        n.put("bytes", in.bytes);
        return n;
    }

    public void write(OutputDir dir) throws IOException {
        dir.writeRunRecord(JSON.writeValueAsString(root));
    }
}
