package io.keytrail.leaks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.secrets.SecretRule;
import io.keytrail.secrets.SecretRules;
import io.keytrail.table.Column;
import io.keytrail.table.ColumnType;
import io.keytrail.table.Tables;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaks as SARIF 2.1.0 (what GitHub code scanning and IDEs import) and as a JSON array with the table's
 * columns. Both are built from {@link Leak} rows, which hold no secret.
 */
public final class LeakReports {
    public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LeakReports() {}

    public static String sarif(List<Leak> leaks, SecretRules rules, String version) throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "keytrail-leakscan");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/keytrail/keytrail");
        ArrayNode ruleNodes = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (SecretRule r : rules.rules()) index.put(r.id(), index.size());
        for (Leak l : leaks) index.putIfAbsent(l.rule, index.size()); // github:<type> rules
        for (String id : index.keySet()) {
            SecretRule r = rules.rule(id);
            String provider = r != null ? r.provider() : null;
            ObjectNode n = ruleNodes.addObject();
            n.put("id", id);
            n.put("name", id);
            n.putObject("shortDescription").put("text", (provider == null ? "Secret" : provider + " API key") + " exposed (" + id + ")");
            n.putObject("defaultConfiguration").put("level", "error");
            if (provider != null) n.putObject("properties").put("provider", provider);
        }
        ArrayNode results = run.putArray("results");
        for (Leak l : leaks) {
            ObjectNode res = results.addObject();
            res.put("ruleId", l.rule);
            res.put("ruleIndex", index.get(l.rule));
            res.put("level", "error");
            res.putObject("message").put("text", message(l));
            ArrayNode locs = res.putArray("locations");
            if (l.path != null) {
                ObjectNode phys = locs.addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", l.path);
                if (l.line != null) phys.putObject("region").put("startLine", l.line);
            }
            if (l.fingerprint != null) res.putObject("partialFingerprints").put("keytrailFingerprint/v1", l.fingerprint);
            ObjectNode props = res.putObject("properties");
            putRow(props, l);
        }
        return JSON.writeValueAsString(root);
    }

    /** The leaks as a JSON array of objects with the leaks table's columns (timestamps as ISO-8601 UTC). */
    public static String json(List<Leak> leaks) throws java.io.IOException {
        ArrayNode a = JSON.createArrayNode();
        for (Leak l : leaks) putRow(a.addObject(), l);
        return JSON.writeValueAsString(a);
    }

    private static void putRow(ObjectNode n, Leak l) {
        for (Column<Leak> c : Tables.LEAKS.columns()) {
            Object v = c.getter.get(l);
            if (v == null) n.putNull(c.name);
            else if (c.type == ColumnType.TIMESTAMP) n.put(c.name, iso((Long) v));
            else if (v instanceof List<?> list) {
                ArrayNode items = n.putArray(c.name);
                list.forEach(x -> items.add(String.valueOf(x)));
            } else if (v instanceof Boolean b) n.put(c.name, b);
            else if (v instanceof Integer i) n.put(c.name, i);
            else n.put(c.name, String.valueOf(v));
        }
    }

    static String message(Leak l) {
        StringBuilder b = new StringBuilder();
        b.append(l.provider == null ? "Secret" : l.provider + " API key").append(' ')
                .append(l.redacted == null ? "(redacted)" : l.redacted).append(" exposed");
        if (l.commit != null) b.append(" in commit ").append(l.commit, 0, Math.min(12, l.commit.length()));
        if (l.path != null) b.append(" at ").append(l.path).append(l.line == null ? "" : ":" + l.line);
        if (Boolean.FALSE.equals(l.stillPresent) && l.removedIn != null) b.append("; removed in ").append(l.removedIn, 0, 12);
        b.append(". Rotate the key: removing it from the code does not revoke it.");
        return b.toString();
    }

    public static String iso(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString();
    }
}
