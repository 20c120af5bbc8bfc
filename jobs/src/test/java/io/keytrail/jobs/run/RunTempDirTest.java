package io.keytrail.jobs.run;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTempDirTest {
    @TempDir
    Path tmp;

    @Test
    void removesTheDirectoryNamedAfterItsProcessWithEverythingInIt() throws Exception {
        Path own = tmp.resolve("keytrail-run-4242-aB3xYz");
        Files.createDirectories(own.resolve("flink-io-1/nested"));
        Files.writeString(own.resolve("flink-rpc-akka1.jar"), "jar");
        Files.writeString(own.resolve("flink-io-1/nested/spill"), "data");

        assertTrue(RunTempDir.removeIfOwnedBy(own, 4242));
        assertFalse(Files.exists(own));
    }

    @Test
    void aFlightRecordingKeepsTheDirectoryItsChunksAreIn() {
        assertFalse(RunTempDir.flightRecording());
        try (Recording r = new Recording()) {
            r.start();
            assertTrue(RunTempDir.flightRecording());
        }
        assertFalse(RunTempDir.flightRecording());
    }

    @Test
    void leavesOtherProcessesDirectoriesAndAnyOtherDirectoryAlone() throws Exception {
        Path parent = tmp.resolve("keytrail-run-4242-aB3xYz");
        Path longerPid = tmp.resolve("keytrail-run-42420-aB3xYz");
        Path plain = tmp.resolve("some-dir-4242-");
        for (Path d : new Path[] {parent, longerPid, plain}) {
            Files.createDirectories(d);
            Files.writeString(d.resolve("f"), "x");
        }

        // A bench child (pid 424) sharing its parent's directory, and pids that only share a prefix.
        assertFalse(RunTempDir.removeIfOwnedBy(parent, 424));
        assertFalse(RunTempDir.removeIfOwnedBy(longerPid, 4242));
        assertFalse(RunTempDir.removeIfOwnedBy(plain, 4242));
        assertFalse(RunTempDir.removeIfOwnedBy(tmp.resolve("keytrail-run-4242-missing"), 4242));
        assertTrue(Files.exists(parent.resolve("f")) && Files.exists(longerPid.resolve("f")) && Files.exists(plain.resolve("f")));
    }
}
