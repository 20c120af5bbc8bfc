package io.keytrail.jobs.sweep;

import io.keytrail.jobs.cli.UsageException;
import io.keytrail.leaks.LeakExposures;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.List;

/** `--leaks DIR`: a leakscan output directory (or its leaks table); null when none was given. */
public final class LeakTables {
    private LeakTables() {}

    public static LeakExposures read(List<String> dirs) throws UsageException, IOException {
        if (dirs.isEmpty()) return null;
        if (dirs.size() > 1) throw new UsageException("--leaks: give one leakscan output directory");
        Path p = InputFiles.toPath(dirs.get(0));
        Path table = p.getFileSystem().exists(new Path(p, "leaks")) ? new Path(p, "leaks") : p;
        if (!p.getFileSystem().exists(table)) throw new UsageException("--leaks: not found: " + dirs.get(0));
        return LeakExposures.read(table);
    }
}
