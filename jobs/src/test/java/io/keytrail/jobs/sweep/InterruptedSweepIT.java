package io.keytrail.jobs.sweep;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep killed (SIGKILL) while it writes into an output directory that holds a finished run: every
 * table a reader can see is still the finished run's, byte for byte; `sql` reads them; the next sweep
 * into the same directory completes. Slow: generates 1.5 M records and runs three JVMs.
 */
@Tag("slow")
class InterruptedSweepIT {
    static final Path HOME = Path.of(System.getProperty("keytrail.home"));

    @TempDir
    Path tmp;

    @Test
    void aKilledSweepLeavesTheTablesOfTheLastFinishedRun() throws Exception {
        Path out = tmp.resolve("out");
        Path big = tmp.resolve("big");
        assertEquals(0, run("generate", "--out", big.toString(), "--keys", "300", "--records", "1500000").waitFor());
        assertEquals(0, run("sweep", "--out", out.toString()).waitFor(), "the finished run, on the bundled sample");
        Map<String, String> before = visible(out);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("alerts/")), before.keySet().toString());

        Process p = run("sweep", "--history", big.resolve("history").toString(), "--archive", big.resolve("live").toString(),
                "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        // Kill it once it has started writing tables into its staging area.
        while (p.isAlive() && stagedFiles(out) < 2 && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(p.isAlive(), "the sweep was still running when staged files appeared");
        Thread.sleep(500);
        p.destroyForcibly();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, p.exitValue());
        assertTrue(stagedFiles(out) > 0, "the killed run left its staging behind, out of readers' sight");

        assertEquals(before, visible(out), "every visible table is the finished run's, byte for byte");
        Process q = run("sql", "--from", out.toString(), "--format", "csv", "SELECT COUNT(*) AS n FROM alerts");
        String result = new String(q.getInputStream().readAllBytes());
        assertEquals(0, q.waitFor());
        assertTrue(result.matches("(?s)n\\r?\\n[1-9][0-9]*\\r?\\n"), result);

        assertEquals(0, run("sweep", "--out", out.toString()).waitFor(), "the next sweep into the same directory");
        assertEquals(before.keySet().stream().filter(f -> f.startsWith("alerts/")).count(),
                visible(out).keySet().stream().filter(f -> f.startsWith("alerts/")).count());
    }

    Process run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve("keytrail").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(HOME.toFile());
        pb.environment().put("KEYTRAIL_NO_BUILD", "1");
        pb.environment().put("KEYTRAIL_LOG_FILE", tmp.resolve("keytrail.log").toString());
        pb.redirectError(tmp.resolve("err-" + args[0] + "-" + System.nanoTime() + ".txt").toFile());
        if (!args[0].equals("sql")) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Path → SHA-256 of every file a reader sees (names starting with '.' or '_' are skipped by readers, except _runs). */
    static Map<String, String> visible(Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(f).toString();
                if (rel.startsWith(".staging") || rel.startsWith(".trash")) continue;
                m.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        return m;
    }

    static long stagedFiles(Path out) throws Exception {
        Path staging = out.resolve(".staging");
        if (!Files.isDirectory(staging)) return 0;
        try (Stream<Path> all = Files.walk(staging)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
