package io.keytrail.jobs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code keytrail} launcher's decision to build, run against a copy of the script with stand-in
 * {@code mvn} and {@code java} commands. The stand-in Maven behaves like the real one where it
 * matters: it does not re-date the jobs jar when only udfs sources changed.
 */
class LauncherRebuildTest {
    @Test
    void buildsOnFirstUseAndAfterAnEditButNotOnEveryRun(@TempDir Path home) throws Exception {
        Path builds = home.resolve("builds.log");
        // Creates the jar and lib only when missing, like Maven's jar plugin leaving an up-to-date jar alone.
        Path bin = project(home, "echo build >> '" + builds + "'\n"
                + "mkdir -p jobs/target/lib\n"
                + "[ -f jobs/target/keytrail-jobs-0.1.0.jar ] || touch jobs/target/keytrail-jobs-0.1.0.jar\n");

        assertEquals(1, runAndCountBuilds(home, bin, builds), "first use builds");
        assertEquals(1, runAndCountBuilds(home, bin, builds), "nothing changed: no build");

        write(home.resolve("udfs/src/main/A.java"), "edited");
        assertEquals(2, runAndCountBuilds(home, bin, builds), "a udfs edit builds");
        assertEquals(2, runAndCountBuilds(home, bin, builds), "and is built once, though Maven kept the jar's date");

        write(home.resolve("conf/config.yaml"), "edited");
        assertEquals(3, runAndCountBuilds(home, bin, builds), "a conf edit builds");
    }

    @Test
    void aFailedBuildIsNotRecordedAsBuilt(@TempDir Path home) throws Exception {
        Path bin = project(home, "mkdir -p jobs/target/lib; touch jobs/target/keytrail-jobs-0.1.0.jar; exit 1\n");
        Process p = launch(home, bin);
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(1, p.waitFor(), err);
        assertTrue(err.contains("build failed"), err);
        assertTrue(!Files.exists(home.resolve("jobs/target/.keytrail-built")), "a failed build leaves no stamp");
    }

    @Test
    void eachBuildRecordsAClassArchiveThatLaterRunsMapUntilAJarIsNewer(@TempDir Path home) throws Exception {
        Path bin = project(home, "mkdir -p jobs/target/lib; touch jobs/target/keytrail-jobs-0.1.0.jar jobs/target/lib/dep.jar\n");
        Path archive = home.resolve("jobs/target/keytrail-classes.jsa");

        runAndCountBuilds(home, bin, home.resolve("none"));
        List<String> calls = Files.readAllLines(home.resolve("java-calls.log"));
        assertEquals(2, calls.size(), "the archive run and the command: " + calls);
        assertTrue(calls.get(0).contains("-XX:ArchiveClassesAtExit=") && calls.get(0).contains(" sweep --history "), calls.get(0));
        assertTrue(Files.size(archive) > 0, "the recorded archive is in place");
        assertTrue(calls.get(1).contains("-XX:SharedArchiveFile=" + archive), calls.get(1));
        try (var left = Files.list(archive.getParent())) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no partial archive left behind");
        }

        runAndCountBuilds(home, bin, home.resolve("none"));
        assertTrue(lastCall(home).contains("-XX:SharedArchiveFile="), "used again while nothing changed");

        // Built by Maven directly: the stale archive is recorded again before the command, which maps the new one.
        Thread.sleep(1100);
        Files.writeString(home.resolve("jobs/target/lib/dep.jar"), "rebuilt by hand");
        int before = Files.readAllLines(home.resolve("java-calls.log")).size();
        runAndCountBuilds(home, bin, home.resolve("none"));
        List<String> after = Files.readAllLines(home.resolve("java-calls.log"));
        assertEquals(before + 2, after.size(), "a jar newer than the archive: recorded again, then the command: " + after);
        assertTrue(after.get(before).contains("-XX:ArchiveClassesAtExit="), after.get(before));
        assertTrue(lastCall(home).contains("-XX:SharedArchiveFile=" + archive), lastCall(home));

        Files.delete(archive);
        runAndCountBuilds(home, bin, home.resolve("none"));
        assertTrue(Files.size(archive) > 0 && lastCall(home).contains("-XX:SharedArchiveFile="), "a deleted archive is recorded again");
    }

    @Test
    void aRecordingThatFailsIsNotRetriedUntilAJarChanges(@TempDir Path home) throws Exception {
        Path bin = project(home, "mkdir -p jobs/target/lib; touch jobs/target/keytrail-jobs-0.1.0.jar jobs/target/lib/dep.jar\n");
        Files.writeString(home.resolve("fail-archive"), "");
        runAndCountBuilds(home, bin, home.resolve("none"));
        runAndCountBuilds(home, bin, home.resolve("none"));
        assertEquals(1, archiveRuns(home), "tried once, not on the next run");
        assertTrue(!lastCall(home).contains("SharedArchiveFile"), lastCall(home));

        Thread.sleep(1100);
        Files.delete(home.resolve("fail-archive"));
        Files.writeString(home.resolve("jobs/target/lib/dep.jar"), "rebuilt by hand");
        runAndCountBuilds(home, bin, home.resolve("none"));
        assertEquals(2, archiveRuns(home), "a changed jar is worth another try");
        assertTrue(lastCall(home).contains("-XX:SharedArchiveFile="), lastCall(home));
    }

    private static long archiveRuns(Path home) throws IOException {
        return Files.readAllLines(home.resolve("java-calls.log")).stream().filter(c -> c.contains("ArchiveClassesAtExit")).count();
    }

    /** A project tree the launcher checks, with the launcher itself; returns the bin/ of stand-in mvn and java. */
    private static Path project(Path home, String mvnBody) throws IOException {
        Files.copy(Path.of("..", "keytrail").toAbsolutePath().normalize(), home.resolve("keytrail"));
        for (String p : List.of("pom.xml", "udfs/pom.xml", "jobs/pom.xml", "conf/config.yaml", "udfs/src/main/A.java", "jobs/src/main/B.java")) {
            write(home.resolve(p), "x");
        }
        Path bin = home.resolve("bin");
        script(bin.resolve("mvn"), mvnBody);
        script(bin.resolve("java"), JAVA);
        return bin;
    }

    /** Logs its arguments; writes the archive it is asked to record, as the JVM does at exit (fails instead while ./fail-archive exists). */
    private static final String JAVA = "echo \"$*\" >> java-calls.log\n"
            + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) [ -e fail-archive ] && exit 1; echo classes > \"${a#*=}\";; esac; done\n"
            + "echo ran\n";

    private static String lastCall(Path home) throws IOException {
        List<String> calls = Files.readAllLines(home.resolve("java-calls.log"));
        return calls.get(calls.size() - 1);
    }

    private static int runAndCountBuilds(Path home, Path bin, Path builds) throws Exception {
        Process p = launch(home, bin);
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        assertTrue(out.strip().endsWith("ran") && !out.contains("ran\nran"), out + err);
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private static Process launch(Path home, Path bin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("keytrail").toString(), "--help").directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.remove("KEYTRAIL_NO_BUILD");
        env.put("KEYTRAIL_LOG_FILE", home.resolve("log").toString());
        return pb.start();
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void script(Path p, String body) throws IOException {
        write(p, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
