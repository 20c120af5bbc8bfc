package io.keytrail.jobs.leakscan;

import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.generate.GenerateCommand;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.leaks.GitHistoryScanner;
import io.keytrail.leaks.LeakFinder;
import io.keytrail.secrets.SecretRules;
import io.keytrail.secrets.SecretScanner;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * `keytrail leakscan-bench`: generates a repository with JGit and times the history scan against the
 * peers' way of doing it, {@code git log -p --all} with its added lines run through the same rules.
 * This is the only place KeyTrail spawns git.
 */
public final class LeakscanBenchCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    public LeakscanBenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "leakscan-bench";
    }

    @Override
    public String summary() {
        return "Benchmark leakscan's git history scan on a generated repository, beside `git log -p --all` through the same rules.";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("commits", "N", "20000", "commits in the generated repository")
                .value("keys", "K", "20", "fake keys added along the history")
                .value("threads", "N", String.valueOf(FlinkEnvironments.defaultParallelism()), "threads for leakscan's scan")
                .value("seed", "S", "7", "random seed of the generated repository")
                .value("rules", "FILE", "conf/secret-rules.json", "secret rules")
                .flag("no-git", "skip the `git log -p --all` comparison")
                .flag("keep", "keep the generated repository (its path is printed)");
    }

    @Override
    public int run(Options o) throws Exception {
        int commits = o.intValue("commits", 1);
        int keys = o.intValue("keys", 0);
        int threads = o.intValue("threads", 1);
        SecretRules rules = LeakscanCommand.rules(o);
        Path tmp = Files.createTempDirectory("keytrail-bench-");
        File gitDir = tmp.resolve("repo.git").toFile();
        try {
            long t0 = System.nanoTime();
            BenchRepo gen = new BenchRepo(o.longValue("seed", Long.MIN_VALUE));
            gen.write(gitDir, commits, keys);
            err.printf("keytrail leakscan-bench: generated %,d commits (%d merges, %d keys) in %.1f s: %s%n",
                    commits, gen.merges, gen.keysAdded, (System.nanoTime() - t0) / 1e9, gitDir);

            GitHistoryScanner.tuneJGit();
            long t1 = System.nanoTime();
            GitHistoryScanner.Result r;
            try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setBare().setMustExist(true).build()) {
                r = new GitHistoryScanner(new LeakFinder(rules), threads).scan(repo, gitDir.toString());
            }
            double s1 = (System.nanoTime() - t1) / 1e9;
            long distinct = r.leaks.stream().map(l -> l.fingerprint).distinct().count();
            out.printf("leakscan (JGit, %d threads): %,d commits in %.2f s = %,.0f commits/s; %.1f MB of blobs = %.1f MB/s; %d leaks, %d distinct keys%n",
                    threads, r.commits, s1, r.commits / s1, r.blobBytes / 1e6, r.blobBytes / 1e6 / s1, r.leaks.size(), distinct);
            if (!o.flag("no-git")) gitLog(gitDir, new SecretScanner(rules), r.commits);
        } finally {
            if (o.flag("keep")) err.println("keytrail leakscan-bench: kept " + gitDir);
            else GenerateCommand.deleteTree(tmp);
        }
        return 0;
    }

    /** The peers' pipeline: `git log -p --all` (no merge patches), added lines through the same rules. */
    private void gitLog(File gitDir, SecretScanner scanner, int commits) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("git", "--git-dir=" + gitDir, "log", "-p", "--all", "--no-color")
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long bytes = 0;
        int found = 0;
        Set<String> distinct = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                bytes += line.length() + 1;
                if (line.startsWith("+") && !line.startsWith("+++")) {
                    for (var f : scanner.find(line)) {
                        found++;
                        distinct.add(io.keytrail.secrets.KeyMasker.sha256Hex(f.secret()));
                    }
                }
            }
        }
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf("git log -p --all | rules: %,d commits in %.2f s = %,.0f commits/s; %.1f MB of patch = %.1f MB/s; %d leaks, %d distinct keys%s%n",
                commits, s, commits / s, bytes / 1e6, bytes / 1e6 / s, found, distinct.size(), code == 0 ? "" : " (git exited " + code + ")");
    }
}
