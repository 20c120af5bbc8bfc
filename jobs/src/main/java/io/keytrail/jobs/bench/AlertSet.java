package io.keytrail.jobs.bench;

import io.keytrail.parquet.ParquetColumnsReader;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Alerts as the benchmark compares them: (api_key_id, day, alert_type, subject, severity), from the
 * sweep's alerts table (the latest revision of each alert_id) or from the peer's Parquet file.
 */
public final class AlertSet {
    static final List<String> COMPARED = List.of("api_key_id", "day", "alert_type", "subject", "severity");

    public final TreeSet<String> rows = new TreeSet<>();

    private AlertSet() {}

    static AlertSet of(java.util.Collection<String> rows) {
        AlertSet s = new AlertSet();
        s.rows.addAll(rows);
        return s;
    }

    /** The latest revision of every alert in a sweep's alerts table directory. */
    public static AlertSet ofSweep(java.nio.file.Path alertsDir) throws IOException {
        List<String> cols = new ArrayList<>(List.of("alert_id", "revision"));
        cols.addAll(COMPARED);
        Map<String, Object[]> latest = new HashMap<>();
        for (java.nio.file.Path f : parquetFiles(alertsDir)) {
            ParquetColumnsReader.read(new Path(f.toUri()), cols, r -> {
                Object[] prev = latest.get((String) r[0]);
                if (prev == null || ((Number) prev[1]).intValue() < ((Number) r[1]).intValue()) latest.put((String) r[0], r);
            });
        }
        AlertSet s = new AlertSet();
        for (Object[] r : latest.values()) s.rows.add(key(r, 2));
        return s;
    }

    /** The peer's alerts (one row per alert). */
    public static AlertSet ofPeer(java.nio.file.Path file) throws IOException {
        AlertSet s = new AlertSet();
        ParquetColumnsReader.read(new Path(file.toUri()), COMPARED, r -> s.rows.add(key(r, 0)));
        return s;
    }

    private static String key(Object[] r, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + COMPARED.size(); i++) {
            if (i > from) b.append(" | ");
            b.append(r[i] == null ? "" : r[i]);
        }
        return b.toString();
    }

    private static List<java.nio.file.Path> parquetFiles(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().startsWith("_")).sorted().toList();
        }
    }

    public int size() {
        return rows.size();
    }

    /** Empty when equal; else the first few differences, each marked with the side that has it. */
    public List<String> differences(AlertSet peer, String mine, String theirs, int max) {
        List<String> d = new ArrayList<>();
        for (String r : rows) if (!peer.rows.contains(r) && d.size() < max) d.add(mine + " only: " + r);
        for (String r : peer.rows) if (!rows.contains(r) && d.size() < max) d.add(theirs + " only: " + r);
        return d;
    }

    public boolean sameAs(AlertSet other) {
        return rows.equals(other.rows);
    }
}
