package io.keytrail.jobs.bench;

import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Home;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.generate.GenerateCommand;
import io.keytrail.jobs.sweep.InputFiles;
import org.apache.flink.core.fs.Path;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * `keytrail bench`: the whole sweep (profile reference, baselines + detection + every table written)
 * against a peer, the seed's checks as DuckDB SQL, on the same generated Parquet files, alternately,
 * each as a process of its own (wall time includes JVM and Flink start-up; peak memory is the whole
 * process's). The peer's alerts must equal the sweep's, else the benchmark fails.
 */
public final class BenchCommand implements Command {
    /** The columns the seed's checks need: what the floor reads. */
    static final List<String> NEEDED = List.of("timestamp", "api_key_id", "api_key_fingerprint", "model", "source_ip", "cost_usd");

    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Time the whole sweep against the seed's checks in DuckDB on the same generated Parquet, alternately; alerts must match.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("records", "N", "1000000", "legitimate records to generate (generate --records; the compromises add their own)")
                .value("keys", "K", "1000", "number of API keys")
                .value("seed", "S", "42", "generator seed")
                .value("runs", "R", "3", "runs of each side, alternating (sweep, peer, sweep, peer, ...)")
                .value("peer", "duckdb|none", "duckdb", "the peer: the seed's checks as DuckDB SQL, or none (the sweep alone)")
                .value("data", "DIR", "generated", "where datasets are cached, as DIR/bench-<records>-<keys>-<seed>/");
    }

    @Override
    public int run(Options o) throws Exception {
        long records = o.longValue("records", 1);
        int keys = o.intValue("keys", 1);
        long seed = o.longValue("seed", Long.MIN_VALUE);
        int runs = o.intValue("runs", 1);
        String peer = o.get("peer");
        if (!peer.equals("duckdb") && !peer.equals("none")) throw new UsageException("bench: --peer must be duckdb or none, got '" + peer + "'");
        boolean withPeer = peer.equals("duckdb");
        List<String> peerClasspath = withPeer ? peerClasspath() : List.of();
        if (withPeer && peerClasspath == null) {
            err.println("keytrail bench: DuckDB's JDBC driver not found: `mvn package` copies it to jobs/target/bench-lib (or use --peer none)");
            return 1;
        }

        java.nio.file.Path data = java.nio.file.Path.of(o.get("data")).toAbsolutePath()
                .resolve("bench-" + records + "-" + keys + "-" + seed);
        if (!Files.isRegularFile(data.resolve("truth.json"))) {
            err.printf("keytrail bench: generating %s (cached for later runs)%n", data);
            int code = new GenerateCommand(err, err).run(new GenerateCommand(err, err).options().parse(new String[] {
                    "--out", data.toString(), "--keys", String.valueOf(keys), "--records", String.valueOf(records),
                    "--seed", String.valueOf(seed)}));
            if (code != 0) return code;
        } else {
            err.printf("keytrail bench: reusing %s%n", data);
        }
        InputFiles history = InputFiles.list("history", List.of(data.resolve("history").toString()));
        InputFiles archive = InputFiles.list("archive", List.of(data.resolve("live").toString()));
        java.nio.file.Path work = data.resolve("bench-out");
        Files.createDirectories(work);
        java.nio.file.Path historyList = writeList(work.resolve("history-files.txt"), history);
        java.nio.file.Path archiveList = writeList(work.resolve("archive-files.txt"), archive);

        String loadBefore = loadAverage();
        Floor floor = Floor.measure(history, archive, NEEDED);
        long total = floor.rows();
        out.printf("keytrail bench: %,d records (%,d history + %,d archive), %,d keys, %d run(s) each, %d cores, load average %s%n",
                total, floor.historyRows(), floor.archiveRows(), keys, runs, Runtime.getRuntime().availableProcessors(), loadBefore);
        out.printf("  data    %s%n", data);
        out.printf("  floor   Parquet read of the needed columns (%s), %d threads: %.2f s, %s records/s%n",
                String.join(", ", NEEDED), floor.threads(), floor.seconds(), perSecond(total, floor.seconds()));

        java.nio.file.Path sweepOut = work.resolve("keytrail");
        java.nio.file.Path peerOut = work.resolve("duckdb-alerts.parquet");
        List<String> sweepCmd = new ArrayList<>(jvm(List.of(System.getProperty("java.class.path"))));
        sweepCmd.addAll(List.of("io.keytrail.jobs.KeyTrail", "sweep", "--history", data.resolve("history").toString(),
                "--archive", data.resolve("live").toString(), "--out", sweepOut.toString(), "--profile", "reference"));
        List<String> peerCmd = new ArrayList<>(jvm(peerClasspath));
        peerCmd.addAll(List.of(DuckDbPeer.class.getName(), peerOut.toString(), historyList.toString(), archiveList.toString()));

        List<ChildRun> mine = new ArrayList<>(), theirs = new ArrayList<>();
        int alerts = -1;
        for (int i = 1; i <= runs; i++) {
            ChildRun k = ChildRun.run("keytrail-" + i, sweepCmd, work.resolve("logs"));
            if (k.exitCode() != 0) return failed(k);
            mine.add(k);
            String line = String.format("  run %d   keytrail %7.2f s %s", i, k.seconds(), gb(k.peakRssBytes()));
            if (withPeer) {
                Files.deleteIfExists(peerOut);
                ChildRun p = ChildRun.run("duckdb-" + i, peerCmd, work.resolve("logs"));
                if (p.exitCode() != 0) return failed(p);
                theirs.add(p);
                AlertSet kt = AlertSet.ofSweep(sweepOut.resolve("alerts"));
                AlertSet duck = AlertSet.ofPeer(peerOut);
                List<String> diff = kt.differences(duck, "keytrail", "duckdb", 20);
                if (!diff.isEmpty()) {
                    out.println(line);
                    err.printf("keytrail bench: alerts differ (keytrail %,d, duckdb %,d), first differences:%n", kt.size(), duck.size());
                    diff.forEach(d -> err.println("  " + d));
                    return 1;
                }
                alerts = kt.size();
                line += String.format(" | duckdb %7.2f s %s | ratio %5.2f | alerts equal (%,d)", p.seconds(), gb(p.peakRssBytes()),
                        k.seconds() / p.seconds(), alerts);
            }
            out.println(line);
        }

        out.printf("  %-16s %9s %9s %9s %14s %14s%n", "", "median", "min", "max", "records/s", "peak RSS (max)");
        row("keytrail sweep", mine, total);
        if (withPeer) {
            row("duckdb peer", theirs, total);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) ratios.add(mine.get(i).seconds() / theirs.get(i).seconds());
            out.printf("  ratio keytrail/duckdb, pair by pair: median %.2f, min %.2f, max %.2f%n",
                    Stats.median(ratios), Stats.min(ratios), Stats.max(ratios));
            out.printf("  alerts  equal in every run: %,d (compared: %s)%n", alerts, String.join(", ", AlertSet.COMPARED));
        }
        out.printf("  load average %s at the start, %s at the end%n", loadBefore, loadAverage());
        return 0;
    }

    private void row(String name, List<ChildRun> runs, long total) {
        List<Double> s = runs.stream().map(ChildRun::seconds).toList();
        long peak = runs.stream().mapToLong(ChildRun::peakRssBytes).max().orElse(0);
        out.printf("  %-16s %8.2fs %8.2fs %8.2fs %14s %14s%n", name, Stats.median(s), Stats.min(s), Stats.max(s),
                perSecond(total, Stats.median(s)), gb(peak));
    }

    private int failed(ChildRun r) {
        err.printf("keytrail bench: %s exited with %d; its last output (%s):%n%s%n", r.what(), r.exitCode(), r.stderr(), r.tail());
        return 1;
    }

    /** This JVM's own options (the launcher's: KEYTRAIL_JAVA_OPTS or its default) for a child on the given classpath. */
    static List<String> jvm(List<String> classpath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(args);
        String home = System.getProperty("keytrail.home");
        if (home != null && args.stream().noneMatch(a -> a.startsWith("-Dkeytrail.home="))) cmd.add("-Dkeytrail.home=" + home);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classpath));
        return cmd;
    }

    /** This classpath plus DuckDB's driver (jobs/target/bench-lib); null when the driver is nowhere. */
    static List<String> peerClasspath() {
        List<String> cp = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        java.nio.file.Path lib = java.nio.file.Path.of(Home.resolve("jobs/target/bench-lib"));
        if (Files.isDirectory(lib)) {
            cp.add(lib.toAbsolutePath() + File.separator + "*");
            return cp;
        }
        try {
            Class.forName("org.duckdb.DuckDBDriver", false, BenchCommand.class.getClassLoader());
            return cp;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static java.nio.file.Path writeList(java.nio.file.Path file, InputFiles in) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        for (Path p : in.files) lines.add(p.toUri().getPath());
        Files.write(file, lines);
        return file;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String perSecond(long n, double seconds) {
        return String.format("%,.0f", n / seconds);
    }

    static String gb(long bytes) {
        return String.format("%.2f GB", bytes / 1e9);
    }
}
