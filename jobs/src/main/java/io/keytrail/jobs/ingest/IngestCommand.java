package io.keytrail.jobs.ingest;

import io.keytrail.ingest.ParsedRow;
import io.keytrail.ingest.ProviderFileFormat;
import io.keytrail.ingest.UsageFileFormat;
import io.keytrail.ingest.UsageNormalizer;
import io.keytrail.ingest.provider.ProviderFormats;
import io.keytrail.ingest.provider.ProviderParser;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.jobs.run.JobProgress;
import io.keytrail.jobs.run.RunRecord;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.jobs.sweep.ParquetSinks;
import io.keytrail.jobs.sweep.RunIds;
import io.keytrail.jobs.sweep.SweepCommand;
import io.keytrail.jobs.sweep.SweepPipeline;
import io.keytrail.flink.SplitRejects;
import io.keytrail.model.KeyEvent;
import io.keytrail.model.UsageRecord;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.TableSchema;
import io.keytrail.table.Tables;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `keytrail ingest`: provider exports (usage reports, audit logs, gateway logs) → the canonical usage
 * table that `sweep --history/--archive DIR/usage` reads, plus rejects and a run record.
 */
public final class IngestCommand implements Command {
    static final String INPUT = "ingest";
    static final String COSTS = "costs";
    static final String REQUESTS = "invocations";
    static final String EVENTS_FORMAT = "bedrock-cloudtrail";
    static final String INVOCATION_FORMAT = "bedrock-invocation";
    /** Usage format → the cost export that prices it with --costs. */
    static final Map<String, String> COST_FORMATS = Map.of("openai-usage", "openai-costs", "anthropic-usage", "anthropic-cost");

    private final PrintStream out;
    private final PrintStream err;

    public IngestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String summary() {
        return "Convert provider usage and audit exports (OpenAI, Anthropic, Azure, Vertex, Bedrock, LiteLLM) into the canonical usage table (BATCH).";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("format", "FORMAT", null, "input format: " + String.join(", ", ProviderFormats.names()))
                .repeatable("in", "PATH", null, "input files or directories (.json, .jsonl, .ndjson, optionally .gz; Parquet for canonical)")
                .repeatable("costs", "PATH", null, "cost export to price the usage rows: openai-costs with openai-usage, anthropic-cost with anthropic-usage")
                .repeatable("join-requests", "PATH", null, "with --format bedrock-cloudtrail: Bedrock model invocation logs joined on the request id, so one record has IP, user agent and tokens")
                .value("out", "DIR", "ingested", "output directory (usage/, or key_events/ for audit formats, and rejects/ are replaced atomically)")
                .value("parallelism", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "Flink parallelism")
                .value("rules", "FILE", "conf/secret-rules.json", "secret rules used to recognise and mask full API keys");
    }

    @Override
    public int run(Options o) throws Exception {
        long t0 = System.nanoTime();
        String format = o.get("format");
        if (format == null) throw new UsageException("ingest: --format is required (" + String.join(", ", ProviderFormats.names()) + ")");
        if (!ProviderFormats.names().contains(format)) {
            throw new UsageException("ingest: unknown --format '" + format + "' (formats: " + String.join(", ", ProviderFormats.names()) + ")");
        }
        if (o.all("in").isEmpty()) throw new UsageException("ingest: --in PATH is required");
        KeyMasker masker = new KeyMasker(SecretRules.load(SweepCommand.existing(o.get("rules"), "rules")));
        int parallelism = o.intValue("parallelism", 1);
        UsageNormalizer normalizer = new UsageNormalizer(masker);
        ProviderParser parser = ProviderFormats.create(format, normalizer);

        InputFiles costs = null;
        ProviderParser costParser = null;
        if (!o.all("costs").isEmpty()) {
            String costFormat = COST_FORMATS.get(format);
            if (costFormat == null) {
                throw new UsageException("ingest: --costs goes with --format " + String.join(" or ", COST_FORMATS.keySet()));
            }
            costParser = ProviderFormats.create(costFormat, normalizer);
            costs = InputFiles.list(COSTS, o.all("costs").stream().map(Home::resolve).toList());
        }
        InputFiles invocations = null;
        if (!o.all("join-requests").isEmpty()) {
            if (!format.equals(EVENTS_FORMAT)) throw new UsageException("ingest: --join-requests goes with --format " + EVENTS_FORMAT);
            invocations = InputFiles.list(REQUESTS, o.all("join-requests").stream().map(Home::resolve).toList());
        }
        InputFiles in = InputFiles.list(INPUT, o.all("in").stream().map(Home::resolve).toList());
        if (in.files.isEmpty()) throw new UsageException("ingest: no input files under --in " + o.all("in"));

        String runId = RunIds.newRunId("ingest");
        OutputDir dir = new OutputDir(InputFiles.toPath(o.get("out")), runId);
        StreamExecutionEnvironment env = FlinkEnvironments.create(RuntimeExecutionMode.BATCH, parallelism);
        ParquetSinks sinks = new ParquetSinks(dir);
        DataStream<ParsedRow> rows = files(env, in, sinks, parser == null
                ? new UsageFileFormat(INPUT, in.index(), normalizer)
                : new ProviderFileFormat(INPUT, in.index(), parser));
        boolean events = parser != null && parser.keyEvents();
        TableSchema<?> table = events ? Tables.KEY_EVENTS : Tables.USAGE;
        if (events) {
            SingleOutputStreamOperator<KeyEvent> ev = rows.process(new SplitEvents(INPUT)).name("split-rejects-" + INPUT)
                    .uid("split-rejects-" + INPUT);
            sinks.rejects(ev.getSideOutput(SplitRejects.REJECTS));
            sinks.keyEvents(ev);
        } else {
            DataStream<UsageRecord> usage = SweepPipeline.usable(rows, INPUT, sinks);
            if (invocations != null) {
                DataStream<ParsedRow> invocationRows = files(env, invocations, sinks, new ProviderFileFormat(REQUESTS,
                        invocations.index(), ProviderFormats.create(INVOCATION_FORMAT, normalizer)));
                usage = usage.keyBy(new RequestJoin.ByRequest("event"))
                        .connect(SweepPipeline.usable(invocationRows, REQUESTS, sinks).keyBy(new RequestJoin.ByRequest("invocation")))
                        .process(new RequestJoin()).name("join-requests").uid("join-requests");
            }
            if (costs != null) {
                DataStream<ParsedRow> costRows = files(env, costs, sinks, new ProviderFileFormat(COSTS, costs.index(), costParser));
                usage = usage.keyBy(new CostJoin.JoinKey())
                        .connect(SweepPipeline.usable(costRows, COSTS, sinks).keyBy(new CostJoin.JoinKey()))
                        .process(new CostJoin()).name("join-costs").uid("join-costs");
            }
            sinks.usage(usage);
        }
        sinks.finish();

        err.printf("keytrail ingest: format %s, %d files (%s), parallelism %d%n",
                format, in.files.size(), SweepCommand.human(in.bytes), parallelism);
        JobExecutionResult result;
        try {
            result = JobProgress.run(env, "keytrail ingest " + runId, err, List.of(INPUT + "-records"));
        } catch (Exception e) {
            dir.abort();
            throw e;
        }
        dir.commit(List.of(table, Tables.REJECTS));
        long elapsedNanos = System.nanoTime() - t0;

        Map<String, Object> acc = result.getAllAccumulatorResults();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("records", SweepCommand.count(acc, INPUT + "-records"));
        counts.put("rejects", SweepCommand.count(acc, INPUT + "-rejects") + in.rejects.size());
        if (costs != null) {
            counts.put("cost_rows", SweepCommand.count(acc, COSTS + "-records"));
            counts.put("usage_rows_priced", SweepCommand.count(acc, CostJoin.PRICED));
            counts.put("cost_rows_kept", SweepCommand.count(acc, CostJoin.KEPT));
            counts.put("rejects", counts.get("rejects") + SweepCommand.count(acc, COSTS + "-rejects") + costs.rejects.size());
        }
        if (invocations != null) {
            counts.put("invocation_records", SweepCommand.count(acc, REQUESTS + "-records"));
            counts.put("requests_joined", SweepCommand.count(acc, RequestJoin.JOINED));
            counts.put("rejects", counts.get("rejects") + SweepCommand.count(acc, REQUESTS + "-rejects") + invocations.rejects.size());
        }
        counts.put("unreadable_files", (long) in.rejects.size() + (costs == null ? 0 : costs.rejects.size())
                + (invocations == null ? 0 : invocations.rejects.size()));
        counts.put("masked_values", SweepCommand.count(acc, CountMasked.COUNTER));
        Map<String, String> lacks = new LinkedHashMap<>(parser == null ? Map.of() : parser.lacks());
        if (costs != null) lacks.remove("cost_usd");
        if (invocations != null) lacks.put("input_tokens/output_tokens", "0 on events without an invocation log record");

        out.printf("KeyTrail ingest, format %s -> %s%n", format, o.get("out"));
        out.printf("  files      %d (%s)%n", in.files.size(), SweepCommand.human(in.bytes));
        out.printf("  records    %,d written to %s/ | %,d rejected (rejects/)%n", counts.get("records"), table.name, counts.get("rejects"));
        if (costs != null) {
            out.printf("  costs      %,d cost rows from %d files (%s): %,d usage rows priced (same key, model, UTC day), %,d cost rows without usage kept as daily rows%n",
                    counts.get("cost_rows"), costs.files.size(), costFormat(format), counts.get("usage_rows_priced"), counts.get("cost_rows_kept"));
        }
        if (invocations != null) {
            out.printf("  joined     %,d invocation log records from %d files: %,d requests joined on the request id (IP, user agent and tokens in one record)%n",
                    counts.get("invocation_records"), invocations.files.size(), counts.get("requests_joined"));
        }
        out.printf("  masked     %,d values held a full API key and were masked%n", counts.get("masked_values"));
        String label = "  lacks      ";
        for (Map.Entry<String, String> e : lacks.entrySet()) {
            out.printf("%sno %s: %s%n", label, e.getKey(), e.getValue());
            label = "             ";
        }
        out.printf("  elapsed    %.1f s (job %.1f s)%n", elapsedNanos / 1e9, result.getNetRuntime() / 1000.0);

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("format", format);
        settings.put("rules", o.get("rules"));
        settings.put("parallelism", String.valueOf(parallelism));
        if (invocations != null) settings.put("join_requests", String.join(",", o.all("join-requests")));
        if (costs != null) settings.put("costs", String.join(",", o.all("costs")));
        lacks.forEach((k, v) -> settings.put("lacks." + k, v));
        RunRecord.of("ingest", runId, settings, in, counts, elapsedNanos, List.of(table.name, Tables.REJECTS.name))
                .write(dir);
        return 0;
    }

    /** One input's files as parsed rows (masked values counted); its unreadable files go to the rejects. */
    private static DataStream<ParsedRow> files(StreamExecutionEnvironment env, InputFiles in, ParquetSinks sinks,
                                               BulkFormat<ParsedRow, FileSourceSplit> format) {
        if (!in.rejects.isEmpty()) sinks.rejects(SweepPipeline.rejectsOf(env, in.rejects));
        return env.fromSource(FileSource.forBulkFileFormat(format, in.files.toArray(new Path[0])).build(),
                        WatermarkStrategy.noWatermarks(), in.input + "-files").uid("source-" + in.input)
                .map(new CountMasked()).name("count-masked-" + in.input).uid("count-masked-" + in.input);
    }

    private static String costFormat(String usageFormat) {
        return COST_FORMATS.get(usageFormat);
    }
}
