package io.keytrail.jobs.baseline;

import io.keytrail.baseline.BaselineWindow;
import io.keytrail.detect.AlertIds;
import io.keytrail.detect.DayClock;
import io.keytrail.flink.WindowFilter;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.jobs.run.JobProgress;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.jobs.sweep.ParquetSinks;
import io.keytrail.jobs.sweep.SweepCommand;
import io.keytrail.jobs.sweep.SweepPipeline;
import io.keytrail.model.Baseline;
import io.keytrail.model.UsageRecord;
import io.keytrail.pricing.PricingTable;
import io.keytrail.profile.DetectionProfile;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * `keytrail baseline`: the seed's weekly refresh. Baselines from the most recent window of history,
 * leaving out the days of confirmed incidents, written as a new snapshot directory that appears
 * whole (staged, marked with _SUCCESS, then renamed) so that a running stream can pick it up.
 */
public final class BaselineCommand implements Command {
    static final long DAY = 86_400_000_000L;
    private final PrintStream out;
    private final PrintStream err;

    public BaselineCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public String summary() {
        return "Recompute baselines from the recent history window, leaving out incident days; write a new snapshot (the weekly refresh).";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .repeatable("history", "PATH", "datasets/sample/history", "usage history: Parquet or JSON Lines files or directories")
                .value("out", "DIR", "baselines", "snapshot directory: each run adds DIR/<baseline_version>/ (what `stream --baselines DIR` watches)")
                .value("profile", "NAME|FILE", "default", "detection profile the baselines are for")
                .value("window-days", "N", "30", "use the most recent N days of history (0: all of it)")
                .value("as-of", "YYYY-MM-DD", null, "last day of the window (default: the latest day in the history, from Parquet statistics)")
                .repeatable("exclude-windows", "FILE.csv|INCIDENTS_DIR", null, "leave out incident days: CSV of api_key_id,start,end, or a sweep output / incidents table")
                .value("parallelism", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "Flink parallelism")
                .value("pricing", "FILE", "conf/pricing.json", "model price table")
                .value("rules", "FILE", "conf/secret-rules.json", "secret rules for masking full API keys");
    }

    @Override
    public int run(Options o) throws Exception {
        DetectionProfile profile;
        try {
            profile = DetectionProfile.load(o.get("profile").endsWith(".json") ? Home.resolve(o.get("profile")) : o.get("profile"));
        } catch (java.io.IOException e) {
            throw new UsageException("baseline: " + e.getMessage());
        }
        PricingTable pricing = PricingTable.load(SweepCommand.existing(o.get("pricing"), "pricing"));
        KeyMasker masker = new KeyMasker(SecretRules.load(SweepCommand.existing(o.get("rules"), "rules")));
        int windowDays = o.intValue("window-days", 0);
        InputFiles history = InputFiles.list("history", o.all("history").stream().map(Home::resolve).toList());
        if (history.files.isEmpty()) throw new UsageException("baseline: no .parquet or .jsonl files under --history " + o.all("history"));
        // Each file's footer read once: for the latest day (without --as-of) and for the days each file owns.
        List<long[]> ranges = HistoryExtent.microsRanges(history.files);
        LocalDate asOf;
        if (o.has("as-of")) {
            try {
                asOf = LocalDate.parse(o.get("as-of"));
            } catch (Exception e) {
                throw new UsageException("baseline: --as-of must be YYYY-MM-DD");
            }
        } else {
            Long latest = HistoryExtent.latestMicrosOf(ranges);
            if (latest == null && windowDays > 0) {
                throw new UsageException("baseline: cannot tell the history's latest day from Parquet statistics; pass --as-of YYYY-MM-DD");
            }
            asOf = latest == null ? LocalDate.of(9999, 12, 30) : LocalDate.ofEpochDay(Math.floorDiv(latest, DAY));
        }
        long to = (asOf.toEpochDay() + 1) * DAY;
        long from = windowDays == 0 ? Long.MIN_VALUE : to - windowDays * DAY;
        Map<String, List<BaselineWindow.Excluded>> excluded = ExcludedWindows.read(o.all("exclude-windows"));
        BaselineWindow window = new BaselineWindow(from, to, excluded);

        StringBuilder id = new StringBuilder(profile.name).append('|').append(from).append('|').append(to).append('|').append(excluded);
        for (Path p : history.files) id.append('|').append(p.getName()).append(':').append(p.getFileSystem().getFileStatus(p).getLen());
        String version = "bl-" + asOf + "-" + AlertIds.sha256Hex(id.toString()).substring(0, 8);
        Path root = InputFiles.toPath(o.get("out"));
        Path staged = new Path(root, "." + version + ".staging");
        Path snapshot = new Path(root, version);
        FileSystem fs = root.getFileSystem();
        if (fs.exists(snapshot)) {
            out.printf("snapshot %s already exists in %s (same history, window and exclusions): nothing to do%n", version, o.get("out"));
            return 0;
        }

        StreamExecutionEnvironment env = FlinkEnvironments.create(RuntimeExecutionMode.BATCH, o.intValue("parallelism", 1));
        // Rejected history rows go beside the snapshots, under a name the stream does not watch.
        Path rejects = new Path(new Path(root, "_rejects"), version);
        ParquetSinks sinks = new ParquetSinks(table -> table.equals(Tables.BASELINES.name) ? staged : rejects);
        DataStream<UsageRecord> usable = SweepPipeline.usable(SweepCommand.files(env, history, new UsageNormalizer(masker)), "history", sinks)
                .filter(new WindowFilter(window)).name("baseline-window");
        DataStream<Baseline> baselines = SweepPipeline.baselines(usable, profile, pricing, version,
                HistoryExtent.costDayOwnersOf(ranges, new DayClock(profile)));
        sinks.sink(baselines, Tables.BASELINES);
        sinks.finish();
        err.printf("keytrail baseline: %d history files, window %s, %d keys with excluded days, profile %s%n", history.files.size(),
                windowDays == 0 ? "all history up to " + asOf : windowDays + " days up to " + asOf, excluded.size(), profile.name);
        JobExecutionResult result;
        try {
            result = JobProgress.run(env, "keytrail baseline " + version, err, List.of("history-records"));
        } catch (Exception e) {
            fs.delete(staged, true);
            throw e;
        }
        if (!OutputDir.hasParquet(fs, staged)) {
            fs.mkdirs(staged);
            new ParquetRowWriter<>(Tables.BASELINES).writeEmpty(new Path(staged, "part-empty.parquet"));
        }
        try (OutputStream marker = fs.create(new Path(staged, "_SUCCESS"), FileSystem.WriteMode.OVERWRITE)) {
            marker.write(("{\"baseline_version\":\"" + version + "\",\"as_of\":\"" + asOf + "\",\"window_days\":" + windowDays + "}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!fs.rename(staged, snapshot)) throw new java.io.IOException("cannot move the staged snapshot to " + snapshot);
        Map<String, Object> acc = result.getAllAccumulatorResults();
        out.printf("baseline snapshot %s -> %s%n", version, snapshot);
        out.printf("  history    %,d records read, %,d outside the window or in incident days, %,d rejected%n",
                SweepCommand.count(acc, "history-records"), SweepCommand.count(acc, WindowFilter.LEFT_OUT), SweepCommand.count(acc, "history-rejects"));
        return 0;
    }

    static long startOfDay(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }
}
