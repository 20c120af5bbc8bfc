package io.keytrail.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One timed child process: wall time from start to exit, and peak memory as the kernel's high-water
 * mark of the whole process's resident set (VmHWM in /proc/PID/status), read every 20 ms while it
 * runs. Output goes to files, so a failure can be shown.
 */
public record ChildRun(String what, int exitCode, long wallNanos, long peakRssBytes, Path stdout, Path stderr) {
    static final long POLL_MILLIS = 20;

    public static ChildRun run(String what, List<String> command, Path logDir) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(what + ".out"), err = logDir.resolve(what + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, vmHwm(status));
            p.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        long wall = System.nanoTime() - t0;
        return new ChildRun(what, p.exitValue(), wall, peak, out, err);
    }

    /** VmHWM in bytes, 0 when the process is gone or the file is not there (not Linux). */
    static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited between isAlive and the read
        }
        return 0;
    }

    public double seconds() {
        return wallNanos / 1e9;
    }

    /** The last lines of the child's stderr, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
