package io.keytrail.jobs.baseline;

import io.keytrail.baseline.BaselineWindow.Excluded;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.tables.TableRows;
import io.keytrail.jobs.report.Text;
import io.keytrail.jobs.sweep.InputFiles;
import io.keytrail.time.IsoTimestamp;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Days on which a confirmed incident was active, per key: from a CSV of api_key_id,start,end rows or
 * from a sweep's incidents table (compromise start to containment, else to the last attacker request).
 * Whole UTC days are left out, as the seed says ("excluding any days where confirmed incidents occurred").
 */
public final class ExcludedWindows {
    static final long DAY = 86_400_000_000L;

    private ExcludedWindows() {}

    public static Map<String, List<Excluded>> read(List<String> sources) throws UsageException, IOException {
        Map<String, List<Excluded>> m = new HashMap<>();
        for (String s : sources) {
            java.nio.file.Path p = java.nio.file.Path.of(s);
            if (Files.isRegularFile(p)) csv(p, m);
            else if (Files.isDirectory(p)) incidents(p, m);
            else throw new UsageException("baseline: --exclude-windows not found: " + s);
        }
        return m;
    }

    private static void csv(java.nio.file.Path p, Map<String, List<Excluded>> m) throws UsageException, IOException {
        int n = 0;
        for (String line : Files.readAllLines(p)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || (n == 1 && t.startsWith("api_key_id"))) continue;
            String[] f = t.split(",");
            IsoTimestamp.Parsed a = f.length == 3 ? IsoTimestamp.parse(f[1].strip()) : null;
            IsoTimestamp.Parsed b = f.length == 3 ? IsoTimestamp.parse(f[2].strip()) : null;
            if (a == null || b == null) throw new UsageException("baseline: " + p + " line " + n + ": expected api_key_id,start,end (ISO-8601)");
            add(m, f[0].strip(), a.epochMicros(), b.epochMicros());
        }
    }

    private static void incidents(java.nio.file.Path dir, Map<String, List<Excluded>> m) throws IOException {
        java.nio.file.Path table = Files.isDirectory(dir.resolve("incidents")) ? dir.resolve("incidents") : dir;
        for (Map<String, Object> i : TableRows.latest(TableRows.read(InputFiles.toPath(table.toString())), "incident_id").values()) {
            long start = Text.micros(i.get("compromise_start"));
            if (start == Long.MIN_VALUE) continue;
            long end = Text.micros(i.get("contained_at"));
            if (end == Long.MIN_VALUE) end = Text.micros(i.get("last_activity_at"));
            if (end == Long.MIN_VALUE) end = Long.MAX_VALUE - DAY;
            add(m, (String) i.get("api_key_id"), start, end);
        }
    }

    private static void add(Map<String, List<Excluded>> m, String key, long from, long to) {
        long dayFrom = Math.floorDiv(from, DAY) * DAY;
        long dayTo = (Math.floorDiv(to, DAY) + 1) * DAY;
        m.computeIfAbsent(key, k -> new ArrayList<>()).add(new Excluded(dayFrom, dayTo));
    }
}
