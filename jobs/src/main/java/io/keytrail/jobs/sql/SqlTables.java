package io.keytrail.jobs.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keytrail.table.Column;
import io.keytrail.table.TableSchema;
import io.keytrail.table.Tables;
import org.apache.flink.table.api.TableEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Registers an output directory's tables in a TableEnvironment, with DDL derived from {@link Tables#ALL}:
 * each present table as a filesystem/parquet table, the tables that hold revisions as {@code X_revisions}
 * (every row) and {@code X} (the latest revision per id), and {@code usage} as the archive files of the
 * latest sweep (or {@code OUT/usage/} when there is no sweep record).
 */
public final class SqlTables {
    /** Tables written as revisions, and the id a revision belongs to. */
    static final Map<String, String> REVISIONED = Map.of("alerts", "alert_id", "incidents", "incident_id", "scope", "incident_id");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> registered = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Names registered, in order. */
    public List<String> names() {
        return registered;
    }

    /** Things the user should know (skipped inputs), one line each. */
    public List<String> notes() {
        return notes;
    }

    public static SqlTables register(TableEnvironment tenv, Path out) throws IOException {
        SqlTables t = new SqlTables();
        for (TableSchema<?> schema : Tables.ALL) {
            if (schema == Tables.USAGE) {
                t.registerUsage(tenv, out);
                continue;
            }
            Path dir = out.resolve(schema.name);
            if (!hasParquet(dir)) continue;
            String id = REVISIONED.get(schema.name);
            if (id == null) {
                tenv.executeSql(ddl(schema, schema.name, dir));
                t.registered.add(schema.name);
            } else {
                String all = schema.name + "_revisions";
                tenv.executeSql(ddl(schema, all, dir));
                tenv.executeSql("CREATE TEMPORARY VIEW " + q(schema.name) + " AS SELECT " + columnList(schema)
                        + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY " + q(id) + " ORDER BY " + q("revision")
                        + " DESC) AS keytrail_rn FROM " + q(all) + ") WHERE keytrail_rn = 1");
                t.registered.add(schema.name);
                t.registered.add(all);
            }
        }
        return t;
    }

    private void registerUsage(TableEnvironment tenv, Path out) throws IOException {
        List<String> files = latestSweepArchive(out);
        if (files == null) {
            Path dir = out.resolve(Tables.USAGE.name);
            if (hasParquet(dir)) {
                tenv.executeSql(ddl(Tables.USAGE, "usage", dir.toAbsolutePath().toUri().toString()));
                registered.add("usage");
            }
            return;
        }
        List<String> parquet = new ArrayList<>();
        for (String f : files) if (f.endsWith(".parquet") && exists(f)) parquet.add(f);
        if (parquet.size() < files.size()) {
            notes.add("usage: " + (files.size() - parquet.size()) + " of the latest sweep's " + files.size()
                    + " archive files are not in the table (not Parquet, or gone)");
        }
        if (parquet.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < parquet.size(); i++) {
            String name = "keytrail_usage_" + i;
            tenv.executeSql(ddl(Tables.USAGE, name, parquet.get(i)));
            parts.add("SELECT * FROM " + q(name));
        }
        tenv.executeSql("CREATE TEMPORARY VIEW " + q("usage") + " AS " + String.join(" UNION ALL ", parts));
        registered.add("usage");
    }

    /** A local file that exists; a remote URI (s3://, hdfs://) is taken on trust. */
    private static boolean exists(String uri) {
        if (uri.startsWith("file:")) return Files.isRegularFile(Path.of(URI.create(uri)));
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) return true;
        return Files.isRegularFile(Path.of(uri));
    }

    /** The archive files (Flink path URIs) of the latest sweep's run record, or null when there is none. */
    static List<String> latestSweepArchive(Path out) throws IOException {
        Path runs = out.resolve("_runs");
        if (!Files.isDirectory(runs)) return null;
        JsonNode latest = null;
        try (Stream<Path> s = Files.list(runs)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).collect(Collectors.toList())) {
                JsonNode n = JSON.readTree(p.toFile());
                if (!"sweep".equals(n.path("command").asText())) continue;
                if (latest == null || n.path("finished_at").asText().compareTo(latest.path("finished_at").asText()) > 0) latest = n;
            }
        }
        if (latest == null) return null;
        List<String> files = new ArrayList<>();
        for (JsonNode f : latest.path("inputs").path("archive").path("files")) {
            String v = f.asText();
            files.add(v.contains(":") ? v : Path.of(v).toAbsolutePath().toUri().toString());
        }
        return files;
    }

    static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code CREATE TEMPORARY TABLE} for a table schema over a Parquet file or directory. */
    static String ddl(TableSchema<?> schema, String name, Path path) {
        return ddl(schema, name, path.toAbsolutePath().toUri().toString());
    }

    /** {@code CREATE TEMPORARY TABLE} for a table schema over a Parquet file or directory given as a Flink path URI. */
    static String ddl(TableSchema<?> schema, String name, String uriText) {
        StringBuilder b = new StringBuilder("CREATE TEMPORARY TABLE ").append(q(name)).append(" (\n");
        List<? extends Column<?>> cols = schema.columns();
        for (int i = 0; i < cols.size(); i++) {
            Column<?> c = cols.get(i);
            b.append("  ").append(q(c.name)).append(' ').append(flinkType(c)).append(i + 1 < cols.size() ? ",\n" : "\n");
        }
        String uri = uriText.replace("'", "''");
        return b.append(") WITH ('connector' = 'filesystem', 'path' = '").append(uri).append("', 'format' = 'parquet')").toString();
    }

    static String flinkType(Column<?> c) {
        switch (c.type) {
            case STRING: return "STRING";
            case INT32: return "INT";
            case INT64: return "BIGINT";
            case DOUBLE: return "DOUBLE";
            case BOOLEAN: return "BOOLEAN";
            case TIMESTAMP: return "TIMESTAMP_LTZ(6)";
            case STRING_LIST: return "ARRAY<STRING>";
            case INT_LIST: return "ARRAY<INT>";
            default: throw new IllegalStateException("unhandled " + c.type);
        }
    }

    private static String columnList(TableSchema<?> schema) {
        return schema.columns().stream().map(c -> q(c.name)).collect(Collectors.joining(", "));
    }

    /** A backquoted identifier. */
    static String q(String id) {
        return "`" + id.replace("`", "``") + "`";
    }
}
