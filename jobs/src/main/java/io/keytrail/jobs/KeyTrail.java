package io.keytrail.jobs;

import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.baseline.BaselineCommand;
import io.keytrail.jobs.bench.BenchCommand;
import io.keytrail.jobs.generate.GenerateCommand;
import io.keytrail.jobs.ingest.IngestCommand;
import io.keytrail.jobs.leakscan.LeakscanBenchCommand;
import io.keytrail.jobs.leakscan.LeakscanCommand;
import io.keytrail.jobs.report.ReportCommand;
import io.keytrail.jobs.run.RunTempDir;
import io.keytrail.jobs.stream.ProduceCommand;
import io.keytrail.jobs.stream.StreamBenchCommand;
import io.keytrail.jobs.stream.StreamCommand;
import io.keytrail.jobs.sql.SqlCommand;
import io.keytrail.jobs.sweep.SweepCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `keytrail <command> [options]`. The same entry point serves the launcher (embedded MiniCluster) and
 * `flink run keytrail-jobs.jar <command> ...` on a cluster. Exit codes: 0 success, 1 failure, 2 usage.
 */
public final class KeyTrail {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public KeyTrail(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        for (Command c : List.of(new SweepCommand(out, err), new StreamCommand(out, err), new ReportCommand(out, err),
                new SqlCommand(out, err), new BaselineCommand(out, err), new IngestCommand(out, err),
                new LeakscanCommand(out, err), new ProduceCommand(out, err), new GenerateCommand(out, err),
                new io.keytrail.jobs.evaluate.EvaluateCommand(out, err), new StreamBenchCommand(out, err),
                new LeakscanBenchCommand(out, err), new BenchCommand(out, err))) {
            commands.put(c.name(), c);
        }
    }

    public static void main(String[] args) {
        int code = new KeyTrail(System.out, System.err).run(args);
        System.out.flush();
        RunTempDir.removeOwn();
        System.exit(code);
    }

    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(help());
            return args.length == 0 ? 2 : 0;
        }
        Command c = commands.get(args[0]);
        if (c == null) {
            err.println("keytrail: unknown command '" + args[0] + "' (commands: " + String.join(", ", commands.keySet()) + "; see --help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Options opts = c.options();
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.print(opts.help());
            return 0;
        }
        try {
            return c.run(opts.parse(rest));
        } catch (UsageException e) {
            err.println("keytrail " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("keytrail " + c.name() + ": failed: " + e.getMessage());
            if (System.getenv("KEYTRAIL_DEBUG") != null) e.printStackTrace(err);
            else err.println("  (set KEYTRAIL_DEBUG=1 for the stack trace; Flink's log is in the launcher's log file)");
            return 1;
        }
    }

    private String help() {
        StringBuilder b = new StringBuilder();
        b.append("usage: keytrail <command> [options]\n\n");
        b.append("KeyTrail investigates possibly stolen AI API keys: baselines, detectors, alerts.\n\ncommands:\n");
        for (Command c : commands.values()) b.append(String.format("  %-14s %s%n", c.name(), c.summary()));
        b.append("\n`keytrail <command> --help` lists every option with its default.\n");
        b.append("Exit codes: 0 success, 1 failure, 2 usage error.\n");
        return b.toString();
    }
}
