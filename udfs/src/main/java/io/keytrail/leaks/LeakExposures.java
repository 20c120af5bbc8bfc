package io.keytrail.leaks;

import io.keytrail.ingest.TsValue;
import io.keytrail.parquet.ParquetColumnsReader;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The earliest exposure of each leaked key, read back from a {@code leaks} table, for linking usage
 * alerts to a leak (the sweep's {@code --leaks DIR}): by fingerprint when the usage log held the full key,
 * by (provider, last 4) when it held only a masked id such as {@code sk-proj-...x9Qa}. Immutable.
 */
public final class LeakExposures {
    private static final List<String> COLUMNS = List.of("fingerprint", "provider", "redacted", "source_kind",
            "repo", "commit", "path", "line", "exposed_at", "time_source");

    /** Where and when a key was first exposed. {@code exposedAtMicros} is epoch microseconds, UTC. */
    public record Exposure(String fingerprint, String provider, String last4, String redacted, String sourceKind,
                           String repo, String commit, String path, Integer line, long exposedAtMicros, String timeSource) {}

    private final Map<String, Exposure> byFingerprint;
    private final Map<String, Exposure> byProviderLast4;

    private LeakExposures(Map<String, Exposure> byFingerprint, Map<String, Exposure> byProviderLast4) {
        this.byFingerprint = Collections.unmodifiableMap(byFingerprint);
        this.byProviderLast4 = Collections.unmodifiableMap(byProviderLast4);
    }

    /** Reads every Parquet file under the table directory (names starting with '.' or '_' are skipped). */
    public static LeakExposures read(Path leaksTableDir) throws IOException {
        Map<String, Exposure> byFp = new HashMap<>();
        Map<String, Exposure> byTail = new HashMap<>();
        for (Path f : parquetFiles(leaksTableDir)) {
            ParquetColumnsReader.read(f, COLUMNS, row -> {
                if (row[8] == null) return; // no exposure time: nothing to link on
                String redacted = (String) row[2];
                Exposure e = new Exposure((String) row[0], (String) row[1], Redaction.last4(redacted), redacted,
                        (String) row[3], (String) row[4], (String) row[5], (String) row[6],
                        row[7] == null ? null : ((Number) row[7]).intValue(), ((TsValue) row[8]).epochMicros(), (String) row[9]);
                if (e.fingerprint() != null) byFp.merge(e.fingerprint(), e, LeakExposures::earlier);
                if (e.provider() != null && e.last4() != null) byTail.merge(key(e.provider(), e.last4()), e, LeakExposures::earlier);
            });
        }
        return new LeakExposures(byFp, byTail);
    }

    public Exposure byFingerprint(String fingerprint) {
        return fingerprint == null ? null : byFingerprint.get(fingerprint);
    }

    public Exposure byProviderLast4(String provider, String last4) {
        return provider == null || last4 == null ? null : byProviderLast4.get(key(provider, last4));
    }

    public Map<String, Exposure> byFingerprint() {
        return byFingerprint;
    }

    /** Every earliest exposure: per fingerprint, and per (provider, last 4) for redacted alerts. */
    public java.util.Collection<Exposure> all() {
        java.util.List<Exposure> l = new java.util.ArrayList<>(byFingerprint.values());
        for (Exposure e : byProviderLast4.values()) if (e.fingerprint() == null) l.add(e);
        return l;
    }

    public int size() {
        return byFingerprint.size();
    }

    private static String key(String provider, String last4) {
        return provider + '\u0000' + last4;
    }

    private static Exposure earlier(Exposure a, Exposure b) {
        return b.exposedAtMicros() < a.exposedAtMicros() ? b : a;
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) throw new IOException("leaks table not found: " + dir);
        collect(fs, dir, out);
        out.sort((x, y) -> x.toString().compareTo(y.toString()));
        return out;
    }

    private static void collect(FileSystem fs, Path dir, List<Path> out) throws IOException {
        FileStatus[] sts = fs.listStatus(dir);
        if (sts == null) return;
        for (FileStatus s : sts) {
            String n = s.getPath().getName();
            if (n.startsWith(".") || n.startsWith("_")) continue;
            if (s.isDir()) collect(fs, s.getPath(), out);
            else if (n.endsWith(".parquet")) out.add(s.getPath());
        }
    }
}
