package io.keytrail.jobs.leakscan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.OutputDir;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.jobs.sweep.RunIds;
import io.keytrail.jobs.sweep.SweepCommand;
import io.keytrail.leaks.FileScanner;
import io.keytrail.leaks.FirstExposure;
import io.keytrail.leaks.GitHistoryScanner;
import io.keytrail.leaks.GitHubAlerts;
import io.keytrail.leaks.IgnoreList;
import io.keytrail.leaks.Leak;
import io.keytrail.leaks.LeakFinder;
import io.keytrail.leaks.LeakReports;
import io.keytrail.leaks.StagedScanner;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.Tables;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `keytrail leakscan`: where and when keys leaked (git history, folders, CI logs, bundles, GitHub alerts),
 * written as the leaks table, SARIF and JSON. Plain Java with a thread pool, no Flink job: the work is
 * object-store reads and regexes, and a pre-commit hook must start in well under a second.
 */
public final class LeakscanCommand implements Command {
    static final String VERSION = "0.1.0";
    private final PrintStream out;
    private final PrintStream err;

    public LeakscanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "leakscan";
    }

    @Override
    public String summary() {
        return "Find where and when API keys leaked: git history (all refs, merges), folders, CI logs, bundles, GitHub alerts; write leaks/, leaks.sarif, leaks.json.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .repeatable("repo", "PATH", null, "git repository (work tree or bare): every commit reachable from any ref")
                .repeatable("dir", "PATH", null, "folder or file scanned as text; zip bundles (apk, crx, jar, zip) are opened")
                .repeatable("logs", "PATH", null, "CI log file or folder; a line's leading ISO timestamp is its exposure time")
                .repeatable("github-alerts", "FILE", null, "GitHub secret-scanning alerts exported as a JSON array")
                .value("out", "DIR", null, "output directory: leaks/ (Parquet), leaks.sarif, leaks.json, _runs/ (required unless --staged)")
                .flag("staged", "pre-commit hook: scan what is staged (index vs HEAD) in --repo or the current directory; no Flink, no files")
                .value("exit-code", "N", "1", "exit code when --staged finds a leak (also used without --staged when given)")
                .value("rules", "FILE", "conf/secret-rules.json", "secret rules")
                .value("ignore", "FILE", IgnoreList.DEFAULT_FILE, "accepted fingerprints, one SHA-256 per line, # comments (used if present)")
                .value("threads", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "threads scanning commits in parallel");
    }

    @Override
    public int run(Options o) throws Exception {
        long t0 = System.nanoTime();
        GitHistoryScanner.tuneJGit();
        LeakFinder finder = new LeakFinder(rules(o));
        int exitCode = o.intValue("exit-code", 0);
        if (o.flag("staged")) return staged(o, finder, exitCode);
        if (o.get("out") == null) throw new UsageException("leakscan: --out DIR is required (or --staged)");
        if (o.all("repo").isEmpty() && o.all("dir").isEmpty() && o.all("logs").isEmpty() && o.all("github-alerts").isEmpty()) {
            throw new UsageException("leakscan: nothing to scan: give --repo, --dir, --logs or --github-alerts");
        }
        IgnoreList ignore = ignoreList(o, null);
        int threads = o.intValue("threads", 1);

        List<Leak> leaks = new ArrayList<>();
        Map<String, Object> counts = new TreeMap<>();
        long order = 0;
        long commits = 0;
        for (String r : o.all("repo")) {
            try (Repository repo = open(r)) {
                GitHistoryScanner.Result res = new GitHistoryScanner(finder, threads).scan(repo, r);
                commits += res.commits;
                for (Leak l : res.leaks) l.order += order;
                order += res.commits;
                leaks.addAll(res.leaks);
                err.printf("keytrail leakscan: %s: %,d commits, %,d leaks%n", r, res.commits, res.leaks.size());
            }
        }
        FileScanner files = new FileScanner(finder);
        for (String d : o.all("dir")) leaks.addAll(files.scanDir(existingPath(d, "dir")));
        for (String d : o.all("logs")) leaks.addAll(files.scanLogs(existingPath(d, "logs")));
        GitHubAlerts alerts = new GitHubAlerts(finder);
        for (String f : o.all("github-alerts")) {
            try (InputStream in = Files.newInputStream(existingPath(f, "github-alerts"))) {
                leaks.addAll(alerts.read(in, f));
            }
        }
        for (Leak l : leaks) if (l.sourceKind != null && !l.sourceKind.equals(Leak.GIT)) l.order = order++;
        int before = leaks.size();
        leaks.removeIf(ignore::ignores);
        FirstExposure.mark(leaks);

        String runId = RunIds.newRunId("leakscan");
        OutputDir dir = new OutputDir(new Path(new File(o.get("out")).getAbsoluteFile().toURI()), runId);
        writeTable(dir, leaks);
        java.nio.file.Path root = java.nio.file.Path.of(o.get("out"));
        writeAtomically(root.resolve("leaks.sarif"), LeakReports.sarif(leaks, finder.masker().scanner().rules(), VERSION));
        writeAtomically(root.resolve("leaks.json"), LeakReports.json(leaks));

        long keys = leaks.stream().map(l -> l.fingerprint).filter(java.util.Objects::nonNull).distinct().count();
        counts.put("leaks", leaks.size());
        counts.put("ignored", before - leaks.size());
        counts.put("distinct_keys", keys);
        counts.put("commits", commits);
        counts.put("files", files.files());
        double secs = (System.nanoTime() - t0) / 1e9;
        writeRunRecord(dir, runId, o, counts, secs);
        printSummary(leaks, counts, secs, o.get("out"));
        return o.has("exit-code") && !leaks.isEmpty() ? exitCode : 0;
    }

    private int staged(Options o, LeakFinder finder, int exitCode) throws Exception {
        List<String> repos = o.all("repo");
        String where = repos.isEmpty() ? "." : repos.get(0);
        List<Leak> leaks;
        IgnoreList ignore;
        try (Repository repo = open(where)) {
            ignore = ignoreList(o, repo.isBare() ? null : repo.getWorkTree().toPath());
            leaks = new StagedScanner(finder).scan(repo);
        }
        leaks.removeIf(ignore::ignores);
        for (Leak l : leaks) {
            err.printf("keytrail leakscan --staged: %s key %s (%s) at %s:%d  fingerprint %s%n",
                    l.provider, l.redacted, l.rule, l.path, l.line, l.fingerprint);
        }
        if (leaks.isEmpty()) return 0;
        err.printf("keytrail leakscan --staged: %d key(s) staged; unstage them, or add the fingerprint to %s if accepted%n",
                leaks.size(), IgnoreList.DEFAULT_FILE);
        return exitCode;
    }

    static SecretRules rules(Options o) throws UsageException, IOException {
        return SecretRules.load(SweepCommand.existing(o.get("rules"), "rules"));
    }

    /** --ignore when given (must exist); else .keytrailignore in the current directory or the repo's work tree, if any. */
    private static IgnoreList ignoreList(Options o, java.nio.file.Path workTree) throws UsageException, IOException {
        if (o.has("ignore")) return IgnoreList.load(existingPath(o.get("ignore"), "ignore"));
        java.nio.file.Path here = java.nio.file.Path.of(IgnoreList.DEFAULT_FILE);
        if (Files.isRegularFile(here)) return IgnoreList.load(here);
        if (workTree != null && Files.isRegularFile(workTree.resolve(IgnoreList.DEFAULT_FILE))) {
            return IgnoreList.load(workTree.resolve(IgnoreList.DEFAULT_FILE));
        }
        return IgnoreList.NONE;
    }

    static Repository open(String path) throws UsageException, IOException {
        // findGitDir walks up from the path (like git, a subdirectory finds its repository); a path that does not
        // exist must not fall through to whatever repository encloses the current directory.
        existingPath(path, "repo");
        FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(new File(path).getAbsoluteFile());
        if (b.getGitDir() == null) {
            File bare = new File(path).getAbsoluteFile();
            if (new File(bare, "objects").isDirectory() && new File(bare, "HEAD").isFile()) b.setGitDir(bare);
            else throw new UsageException("leakscan: not a git repository: " + path);
        }
        return b.setMustExist(true).build();
    }

    static java.nio.file.Path existingPath(String p, String what) throws UsageException {
        java.nio.file.Path path = java.nio.file.Path.of(p);
        if (!Files.exists(path)) throw new UsageException("leakscan: --" + what + " not found: " + p);
        return path;
    }

    private static void writeTable(OutputDir dir, List<Leak> leaks) throws IOException {
        Path staged = dir.stagingTable(Tables.LEAKS.name);
        staged.getFileSystem().mkdirs(staged);
        try {
            if (!leaks.isEmpty()) {
                try (ParquetWriter<Leak> w = new ParquetRowWriter<>(Tables.LEAKS).openFile(new Path(staged, "part-00000.parquet"))) {
                    for (Leak l : leaks) w.write(l);
                }
            }
            dir.commit(List.of(Tables.LEAKS));
        } catch (IOException | RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    private static void writeAtomically(java.nio.file.Path file, String content) throws IOException {
        java.nio.file.Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeRunRecord(OutputDir dir, String runId, Options o, Map<String, Object> counts, double secs) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode r = json.createObjectNode();
        r.put("run_id", runId);
        r.put("command", "leakscan");
        r.put("finished_at", Instant.now().toString());
        ObjectNode in = r.putObject("inputs");
        for (String k : List.of("repo", "dir", "logs", "github-alerts")) o.all(k).forEach(v -> in.withArray(k).add(v));
        r.put("rules", o.get("rules"));
        ObjectNode c = r.putObject("counts");
        counts.forEach((k, v) -> c.put(k, ((Number) v).longValue()));
        r.putObject("timings").put("elapsed_seconds", secs);
        r.putArray("tables").add(Tables.LEAKS.name);
        dir.writeRunRecord(json.writeValueAsString(r));
    }

    private void printSummary(List<Leak> leaks, Map<String, Object> counts, double secs, String outDir) {
        out.printf("KeyTrail leakscan -> %s%n", outDir);
        out.printf("  leaks      %d rows, %d distinct keys (%d ignored)%n", leaks.size(), counts.get("distinct_keys"), counts.get("ignored"));
        Map<String, Integer> byKind = new TreeMap<>();
        for (Leak l : leaks) byKind.merge(l.sourceKind, 1, Integer::sum);
        byKind.forEach((k, n) -> out.printf("    %-14s %d%n", k, n));
        for (Leak l : leaks) {
            if (!l.firstExposure) continue;
            out.printf("  first      %s %s  %s %s%s  at %s%n", l.provider, l.redacted, l.sourceKind,
                    l.path == null ? "" : l.path + (l.line == null ? "" : ":" + l.line),
                    l.commit == null ? "" : " @" + l.commit.substring(0, Math.min(12, l.commit.length())),
                    l.exposedAtMicros == null ? "?" : LeakReports.iso(l.exposedAtMicros));
        }
        out.printf("  elapsed    %.1f s (%s commits, %s files)%n", secs, counts.get("commits"), counts.get("files"));
    }
}
