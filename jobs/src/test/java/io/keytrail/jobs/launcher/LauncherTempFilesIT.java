package io.keytrail.jobs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep through the launcher leaves nothing in TMPDIR but its log (Flink's RPC jar, web and shuffle
 * directories went there and stayed, one 21 MB jar per run), and the launcher removes the run
 * directories of processes that are gone while leaving those of live ones.
 */
class LauncherTempFilesIT {
    static final Path HOME = Path.of(System.getProperty("keytrail.home"));

    @TempDir
    Path tmp;

    @Test
    void aTmpdirWhereNothingCanBeCreatedIsAClearError() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", HOME.resolve("keytrail").toString(), "--help")
                .directory(HOME.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("KEYTRAIL_NO_BUILD", "1");
        pb.environment().put("TMPDIR", tmp.resolve("missing/dir").toString());
        pb.environment().put("KEYTRAIL_LOG_FILE", tmp.resolve("keytrail.log").toString());
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(1, p.waitFor(), err);
        assertTrue(err.contains("cannot create a directory in " + tmp.resolve("missing/dir")) && err.contains("set TMPDIR"), err);
    }

    @Test
    void aSweepLeavesOnlyItsLogAndStaleRunDirectoriesAreRemoved() throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("tmpdir"));
        Path log = tmpdir.resolve("keytrail.log");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectories(tmpdir.resolve("keytrail-run-" + gone.pid() + "-Abc123"));
        Files.writeString(stale.resolve("flink-rpc-akka0.jar"), "left by a killed run");
        Path live = Files.createDirectories(tmpdir.resolve("keytrail-run-" + ProcessHandle.current().pid() + "-Abc123"));
        Files.writeString(live.resolve("in-use"), "a running run's");

        ProcessBuilder pb = new ProcessBuilder("bash", HOME.resolve("keytrail").toString(), "sweep", "--out", tmp.resolve("out").toString())
                .directory(HOME.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("KEYTRAIL_NO_BUILD", "1");
        pb.environment().put("TMPDIR", tmpdir.toString());
        pb.environment().put("KEYTRAIL_LOG_FILE", log.toString());
        assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("err.txt")));
        assertTrue(Files.exists(tmp.resolve("out/alerts")), "the sweep ran");

        assertFalse(Files.exists(stale), "a gone process's run directory is removed");
        assertTrue(Files.exists(live.resolve("in-use")), "a live process's run directory is kept");
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(live, log), left.sorted().toList(), "the run removed its own directory");
        }
    }
}
