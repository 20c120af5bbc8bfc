package io.keytrail.jobs.run;

import jdk.jfr.FlightRecorder;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The launcher's per-run temporary directory ({@code keytrail-run-PID-XXXXXX}, passed as
 * {@code java.io.tmpdir}). Flink leaves files there that it only removes when its MiniCluster has
 * finished closing, which it does asynchronously after the job's result: a 21 MB copy of its RPC
 * system's jar on every run, web and shuffle directories on some. A JVM that exits right after the
 * job left them behind, so the command removes its own directory as it exits; a run killed before
 * that leaves it to the launcher, which removes directories of processes that are gone.
 *
 * <p>Only the directory named after this process is removed: a child JVM started with the same
 * options (the bench's runs) shares its parent's directory and leaves it to the parent.
 */
public final class RunTempDir {
    static final String PREFIX = "keytrail-run-";

    private RunTempDir() {}

    /** Removes {@code java.io.tmpdir} if it is this process's run directory; best effort, never throws. */
    public static void removeOwn() {
        String dir = System.getProperty("java.io.tmpdir");
        // A flight recording (KEYTRAIL_JAVA_OPTS=-XX:StartFlightRecording=...) keeps its chunks there and
        // writes its file from them as the JVM exits: its directory is left to the launcher's next run.
        if (dir != null && !flightRecording()) removeIfOwnedBy(Path.of(dir), ProcessHandle.current().pid());
    }

    static boolean flightRecording() {
        try {
            return FlightRecorder.isInitialized() && !FlightRecorder.getFlightRecorder().getRecordings().isEmpty();
        } catch (RuntimeException | Error e) {
            return true;
        }
    }

    /** True when {@code dir} was made by the launcher for process {@code pid}, and is now gone. */
    static boolean removeIfOwnedBy(Path dir, long pid) {
        Path name = dir.getFileName();
        if (name == null || !name.toString().startsWith(PREFIX + pid + "-") || !Files.isDirectory(dir)) return false;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            return !Files.exists(dir);
        } catch (IOException | RuntimeException e) {
            // A file still being written by Flink's closing threads: the launcher's next run removes the rest.
            return false;
        }
    }
}
