package io.keytrail.jobs.sweep;

import io.keytrail.detect.AlertIds;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids (when a run happened, for people) and baseline versions (what a baseline was built from). */
public final class RunIds {
    private RunIds() {}

    public static String newRunId(String command) {
        String ts = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return ts + "-" + command + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Same history files (name and size, in order) and profile give the same version, on any clone. */
    public static String baselineVersion(String profile, List<Path> historyFiles) throws IOException {
        StringBuilder b = new StringBuilder(profile);
        for (Path p : historyFiles) {
            FileStatus st = p.getFileSystem().getFileStatus(p);
            b.append('|').append(p.getName()).append(':').append(st.getLen());
        }
        return "bl-" + AlertIds.sha256Hex(b.toString()).substring(0, 12);
    }
}
