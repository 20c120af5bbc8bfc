package io.keytrail.jobs.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.jobs.generate.TruthRecords;
import io.keytrail.time.IsoTimestamp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A generator's ground truth: every key with its scenario, each compromise's start, and the attacker records. */
public final class Truth {
    /** One key: its scenario ({@code normal} when the file has none), and its compromise start when attacked. */
    public record Key(String apiKeyId, String scenario, String kind, boolean bucketed, long startMicros) {
        public boolean compromised() {
            return startMicros != Long.MIN_VALUE;
        }
    }

    public final Map<String, Key> keys = new LinkedHashMap<>();
    /** Identities (TruthRecords.identity) of the attacker records, per key. */
    public final Map<String, Set<String>> attackerRecords = new HashMap<>();

    public static Truth load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!"keytrail-truth/1".equals(root.path("format").asText())) {
            throw new IOException(file + ": not a keytrail-truth/1 file");
        }
        Truth t = new Truth();
        Map<String, JsonNode> comps = new HashMap<>();
        for (JsonNode c : root.path("compromises")) comps.put(c.path("api_key_id").asText(), c);
        for (JsonNode k : root.path("keys")) {
            String id = k.path("api_key_id").asText();
            JsonNode c = comps.get(id);
            String scenario = c != null ? c.path("scenario").asText() : k.path("scenario").asText("normal");
            String kind = k.path("kind").asText(c != null ? "attack" : "normal");
            long start = c == null ? Long.MIN_VALUE : IsoTimestamp.parse(c.path("start").asText()).epochMicros();
            t.keys.put(id, new Key(id, scenario, kind, k.path("bucketed").asBoolean(false), start));
        }
        String recordsFile = root.path("records_file").asText("");
        if (recordsFile.isEmpty()) throw new IOException(file + ": no records_file (regenerate it with this version of generate)");
        Path records = file.resolveSibling(recordsFile);
        try (BufferedReader r = Files.newBufferedReader(records)) {
            String header = r.readLine();
            if (!TruthRecords.HEADER.equals(header)) throw new IOException(records + ": unexpected header " + header);
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = splitCsv(line);
                t.attackerRecords.computeIfAbsent(f[0], x -> new HashSet<>())
                        .add(TruthRecords.identity(f[0], Long.parseLong(f[2]), f[3], f[4]));
            }
        }
        return t;
    }

    static String[] splitCsv(String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    public long attackerRecordCount() {
        return attackerRecords.values().stream().mapToLong(Set::size).sum();
    }
}
