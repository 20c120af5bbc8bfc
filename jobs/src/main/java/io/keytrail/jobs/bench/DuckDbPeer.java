package io.keytrail.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's peer: the seed's baseline and five checks as DuckDB SQL (duckdb-peer.sql), run
 * through DuckDB's JDBC driver in a process of its own. Only java.sql is used here, so the driver
 * stays out of the job jar: `bench` puts jobs/target/bench-lib on this process's classpath.
 *
 * <p>{@code java -cp ... io.keytrail.jobs.bench.DuckDbPeer OUT.parquet HISTORY_FILES_LIST ARCHIVE_FILES_LIST}
 * (the lists: text files with one Parquet path a line, in the sweep's input order).
 */
public final class DuckDbPeer {
    static final String SQL = "duckdb-peer.sql";

    private DuckDbPeer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DuckDbPeer OUT.parquet HISTORY_LIST ARCHIVE_LIST");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Files.readAllLines(Path.of(args[1])), Files.readAllLines(Path.of(args[2])));
        } catch (SQLException e) {
            System.err.println("duckdb peer: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path out, List<String> history, List<String> archive) throws IOException, SQLException {
        String script = script().replace("${history}", list(history)).replace("${archive}", list(archive))
                .replace("${out}", quote(out.toString()));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String statement : statements(script)) s.execute(statement);
        }
    }

    static String script() throws IOException {
        try (InputStream in = DuckDbPeer.class.getResourceAsStream(SQL)) {
            if (in == null) throw new IOException("resource " + SQL + " missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Statements end with ';' at a line's end; '--' comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) continue;
            cur.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    static String list(List<String> files) {
        List<String> q = new ArrayList<>();
        for (String f : files) if (!f.isBlank()) q.add(quote(f));
        return "[" + String.join(", ", q) + "]";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
