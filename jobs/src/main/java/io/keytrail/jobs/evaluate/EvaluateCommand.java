package io.keytrail.jobs.evaluate;

import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.generate.GenerateCommand;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.jobs.sweep.SweepCommand;
import org.apache.flink.core.fs.Path;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `keytrail evaluate`: runs the sweep under each profile and scores it against a generator's ground truth. */
public final class EvaluateCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public EvaluateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "Sweep generated usage under each profile and score it against the ground truth, side by side.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .repeatable("history", "PATH", "generated/history", "usage history for the baselines")
                .repeatable("archive", "PATH", "generated/live", "usage to analyse")
                .value("truth", "FILE", "generated/truth.json", "the generator's truth.json (its records_file beside it)")
                .repeatable("profile", "NAME|FILE", "reference,default", "profiles to compare, repeatable")
                .value("work", "DIR", null, "keep each profile's sweep output in DIR/<profile> (default: a temporary directory, deleted)")
                .value("parallelism", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "Flink parallelism of each sweep");
    }

    @Override
    public int run(Options o) throws Exception {
        java.nio.file.Path truthFile = java.nio.file.Path.of(Home.resolve(o.get("truth")));
        if (!Files.isRegularFile(truthFile)) throw new UsageException("evaluate: --truth " + o.get("truth") + " is not a file");
        Truth truth;
        try {
            truth = Truth.load(truthFile);
        } catch (java.io.IOException e) {
            throw new UsageException("evaluate: " + e.getMessage());
        }
        int parallelism = o.intValue("parallelism", 1);
        boolean keep = o.has("work");
        java.nio.file.Path work = keep ? java.nio.file.Path.of(o.get("work")) : Files.createTempDirectory("keytrail-evaluate");
        Map<String, Map<String, GroupScores>> byProfile = new LinkedHashMap<>();
        try {
            for (String profile : o.all("profile")) {
                String label = java.nio.file.Path.of(profile).getFileName().toString().replaceFirst("\\.json$", "");
                java.nio.file.Path dir = work.resolve(label);
                List<String> args = new ArrayList<>();
                for (String h : o.all("history")) args.addAll(List.of("--history", h));
                for (String a : o.all("archive")) args.addAll(List.of("--archive", a));
                args.addAll(List.of("--out", dir.toString(), "--profile", profile, "--parallelism", String.valueOf(parallelism)));
                err.printf("evaluate: sweep under %s -> %s%n", profile, dir);
                SweepCommand sweep = new SweepCommand(new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
                int code = sweep.run(sweep.options().parse(args.toArray(new String[0])));
                if (code != 0) {
                    err.println("evaluate: the sweep under " + profile + " failed (exit " + code + ")");
                    return code;
                }
                List<Map<String, Object>> incidents = TableRows.read(new Path(dir.resolve("incidents").toUri()));
                List<Map<String, Object>> timelines = TableRows.read(new Path(dir.resolve("timelines").toUri()));
                byProfile.put(label, Evaluation.score(truth, incidents, timelines));
            }
        } finally {
            if (!keep) GenerateCommand.deleteTree(work);
        }
        long compromised = truth.keys.values().stream().filter(Truth.Key::compromised).count();
        out.printf("KeyTrail evaluate: %d keys (%d compromised, %,d attacker records), truth %s%n%n",
                truth.keys.size(), compromised, truth.attackerRecordCount(), o.get("truth"));
        out.print(EvaluationTable.render(byProfile));
        out.println();
        EvaluationTable.LEGEND.forEach(out::println);
        return 0;
    }
}
