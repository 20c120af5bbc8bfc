package io.keytrail.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keytrail.jobs.oracle.SeedRecord;
import io.keytrail.parquet.ParquetColumnsReader;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers the tests share: writing inputs, running commands, reading tables back. */
public final class TestFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestFiles() {}

    public static void writeJsonl(java.nio.file.Path file, List<SeedRecord> records) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder b = new StringBuilder();
        for (SeedRecord r : records) {
            ObjectNode n = JSON.createObjectNode();
            n.put("timestamp", r.timestamp());
            n.put("api_key_prefix", r.apiKeyPrefix());
            n.put("model", r.model());
            n.put("input_tokens", r.inputTokens());
            n.put("output_tokens", r.outputTokens());
            n.put("endpoint", r.endpoint());
            if (r.sourceIp() != null) n.put("source_ip", r.sourceIp());
            if (r.userAgent() != null) n.put("user_agent", r.userAgent());
            if (r.statusCode() != null) n.put("status_code", r.statusCode());
            if (r.costUsd() != null) n.put("cost_usd", r.costUsd());
            else n.putNull("cost_usd");
            b.append(JSON.writeValueAsString(n)).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    /** Runs a command as the CLI would; returns the exit code and captured output. */
    public static Result run(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = new KeyTrail(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)).run(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int code, String out, String err) {}

    /** All rows of the given columns of a table directory. */
    public static List<Object[]> readTable(java.nio.file.Path dir, String... columns) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                ParquetColumnsReader.read(new Path(f.toUri()), List.of(columns), rows::add);
            }
        }
        return rows;
    }

    /** Final revision of each alert: alert_id → row (columns as requested, first two must be alert_id, revision). */
    public static Map<String, Object[]> latestRevisions(List<Object[]> rows) {
        Map<String, Object[]> m = new java.util.HashMap<>();
        for (Object[] r : rows) {
            Object[] prev = m.get((String) r[0]);
            if (prev == null || ((Number) prev[1]).intValue() < ((Number) r[1]).intValue()) m.put((String) r[0], r);
        }
        return m;
    }

    public static String[] args(String... a) {
        return a;
    }
}
