package io.keytrail.jobs.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep through the launcher sorts with KeyTrail's replacement of Flink's BATCH sort comparator: the
 * launcher names the udfs jar before the lib directory's wildcard, whose order Java leaves unspecified.
 * Were Flink's copy loaded instead, every table would still be right, only the sort slower, so only the
 * class loader's log can tell.
 */
class LauncherClassPathIT {
    static final Path HOME = Path.of(System.getProperty("keytrail.home"));
    static final String VERSION = "0.1.0";
    static final String COMPARATOR = "org.apache.flink.streaming.api.operators.sort.FixedLengthByteKeyComparator";

    @TempDir
    Path tmp;

    @Test
    void theSortComparatorComesFromTheUdfsJar() throws Exception {
        Path classLog = tmp.resolve("classes.log");
        ProcessBuilder pb = new ProcessBuilder("bash", HOME.resolve("keytrail").toString(), "sweep", "--out", tmp.resolve("out").toString())
                .directory(HOME.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("KEYTRAIL_NO_BUILD", "1");
        pb.environment().put("KEYTRAIL_LOG_FILE", tmp.resolve("keytrail.log").toString());
        // Without the class archive, so that the log names the jar each class came from.
        pb.environment().put("KEYTRAIL_CDS", "0");
        pb.environment().put("KEYTRAIL_JAVA_OPTS", "-Xmx1536m -XX:+UseParallelGC -XshowSettings:properties -Xlog:class+load=info:file=" + classLog);
        assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("err.txt")));

        // The udfs jar right after the job jar, whatever order the wildcard expands to on this machine.
        List<String> err = Files.readAllLines(tmp.resolve("err.txt"));
        int at = -1;
        for (int i = 0; i < err.size(); i++) if (err.get(i).trim().startsWith("java.class.path = ")) at = i;
        assertTrue(at >= 0 && at + 1 < err.size(), "the JVM printed its class path");
        assertTrue(err.get(at).trim().endsWith("/keytrail-jobs-" + VERSION + ".jar"), err.get(at));
        assertTrue(err.get(at + 1).trim().endsWith("/lib/keytrail-udfs-" + VERSION + ".jar"), err.get(at + 1));

        String line = Files.readAllLines(classLog).stream().filter(l -> l.contains(COMPARATOR + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("the sweep did not sort"));
        assertTrue(line.contains("keytrail-udfs-"), line);
    }
}
