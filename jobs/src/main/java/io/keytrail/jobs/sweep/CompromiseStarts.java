package io.keytrail.jobs.sweep;

import io.keytrail.investigate.CompromiseStart;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.MaskedKey;
import io.keytrail.time.IsoTimestamp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compromise starts given by the analyst: `--compromise-start KEY=ISO8601` and CSV files of
 * `api_key_id,compromise_start` rows. A key given in full is matched by its fingerprint, never stored.
 */
public final class CompromiseStarts {
    private CompromiseStarts() {}

    public static Map<String, CompromiseStart> parse(List<String> pairs, List<String> csvFiles, KeyMasker masker)
            throws UsageException, IOException {
        Map<String, CompromiseStart> m = new HashMap<>();
        for (String p : pairs) add(m, p, "--compromise-start", masker);
        for (String f : csvFiles) {
            Path path = Path.of(f);
            if (!Files.isRegularFile(path)) throw new UsageException("sweep: --compromise-starts file not found: " + f);
            int n = 0;
            for (String line : Files.readAllLines(path)) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || (n == 1 && t.toLowerCase().startsWith("api_key_id"))) continue;
                int comma = t.indexOf(',');
                if (comma < 0) throw new UsageException("sweep: " + f + " line " + n + ": expected api_key_id,compromise_start");
                add(m, t.substring(0, comma).strip() + "=" + t.substring(comma + 1).strip(), f + " line " + n, masker);
            }
        }
        return m;
    }

    private static void add(Map<String, CompromiseStart> m, String pair, String where, KeyMasker masker) throws UsageException {
        int eq = pair.lastIndexOf('=');
        if (eq <= 0) throw new UsageException("sweep: " + where + ": expected KEY=ISO8601");
        String key = pair.substring(0, eq).strip();
        IsoTimestamp.Parsed ts = IsoTimestamp.parse(pair.substring(eq + 1).strip());
        if (ts == null) throw new UsageException("sweep: " + where + ": '" + pair.substring(eq + 1).strip() + "' is not an ISO-8601 time");
        MaskedKey mk = masker.maskKeyId(key);
        CompromiseStart c = new CompromiseStart(ts.epochMicros(), CompromiseStart.ANALYST, io.keytrail.model.Incident.NONE);
        m.put(mk.fingerprint() != null ? mk.fingerprint() : mk.display(), c);
    }
}
