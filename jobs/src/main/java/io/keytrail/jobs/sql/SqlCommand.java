package io.keytrail.jobs.sql;

import io.keytrail.jobs.cli.Command;
import io.keytrail.jobs.cli.Options;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.jobs.run.FlinkEnvironments;
import io.keytrail.sql.Functions;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.SqlParserException;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keytrail sql}: one Flink SQL query, in BATCH mode, over an output directory's tables with
 * KeyTrail's functions registered; the result as an aligned table, CSV or JSON lines.
 */
public final class SqlCommand implements Command {
    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern KEYWORD = Pattern.compile("Encountered \"(\\w+)");

    private final PrintStream out;
    private final PrintStream err;

    public SqlCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String summary() {
        return "run a Flink SQL query (BATCH) over an output directory's tables";
    }

    @Override
    public Options options() {
        return new Options(name(), summary())
                .value("from", "DIR", "out", "output directory whose tables are registered by name")
                .value("format", "table|csv|json", "table", "result format: aligned table, CSV with a header, or JSON lines")
                .value("file", "Q.sql", null, "read the query from a file instead of the argument")
                .value("parallelism", "N", "1", "Flink parallelism")
                .positional("\"SQL\"", "the query (one statement; a trailing ';' is allowed). Backquote columns named like "
                        + "SQL keywords: `timestamp`, `day`, `commit`, `hour`, `line`, `type`, `value`.");
    }

    @Override
    public int run(Options opts) throws Exception {
        String sql = query(opts);
        String format = opts.get("format");
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new UsageException("sql: --format must be table, csv or json, got '" + format + "'");
        }
        Path from = Path.of(opts.get("from"));
        if (!Files.isDirectory(from)) throw new UsageException("sql: --from " + from + " is not a directory (run sweep first)");
        int parallelism = opts.intValue("parallelism", 1);

        TableEnvironment tenv = environment(parallelism);
        Functions.all().forEach(tenv::createTemporarySystemFunction);
        SqlTables tables = SqlTables.register(tenv, from);
        for (String n : tables.notes()) err.println("keytrail sql: " + n);
        if (tables.names().isEmpty()) throw new UsageException("sql: no KeyTrail tables in " + from);

        TableResult result;
        try {
            result = tenv.executeSql(sql);
        } catch (SqlParserException | ValidationException e) {
            throw new UsageException("sql: " + explain(e, tables.names()));
        }
        List<String> names = result.getResolvedSchema().getColumnNames();
        List<Object[]> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row r = it.next();
                Object[] v = new Object[r.getArity()];
                for (int i = 0; i < v.length; i++) v[i] = r.getField(i);
                rows.add(v);
            }
        }
        ResultFormat.print(out, format, names, rows);
        return 0;
    }

    private static String query(Options opts) throws UsageException, IOException {
        List<String> args = opts.positional();
        String file = opts.get("file");
        if (file != null && !args.isEmpty()) throw new UsageException("sql: give the query as an argument or with --file, not both");
        if (args.size() > 1) throw new UsageException("sql: one query argument expected, got " + args.size() + " (quote the query)");
        String sql;
        if (file != null) {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) throw new UsageException("sql: --file " + file + " does not exist");
            sql = Files.readString(p, StandardCharsets.UTF_8);
        } else if (!args.isEmpty()) {
            sql = args.get(0);
        } else {
            throw new UsageException("sql: no query (give \"SQL\" or --file Q.sql; see sql --help)");
        }
        sql = stripTrailingSemicolons(sql);
        if (sql.isBlank()) throw new UsageException("sql: the query is empty");
        return sql;
    }

    /** The query without trailing ';' and whitespace, so line and column positions stay those of the input. */
    static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) end--;
        return sql.substring(0, end);
    }

    private static TableEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        var env = FlinkEnvironments.create(RuntimeExecutionMode.BATCH, parallelism, conf);
        return StreamTableEnvironment.create(env, EnvironmentSettings.newInstance().inBatchMode().build());
    }

    /** One line: where (line, column) and what, from a parser or validator exception. */
    static String explain(RuntimeException e, List<String> tables) {
        String where = null;
        String what = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            Matcher pos = POSITION.matcher(m);
            if (where == null && pos.find()) where = "line " + pos.group(1) + ", column " + pos.group(2);
            what = m;
        }
        what = firstLine(what == null ? e.toString() : what)
                .replaceFirst("^SQL (parse|validation) failed\\. ", "")
                .replaceFirst("^From line \\d+, column \\d+ to line \\d+, column \\d+: ", "");
        StringBuilder b = new StringBuilder(e instanceof SqlParserException ? "syntax error" : "error");
        if (where != null) b.append(" at ").append(where);
        b.append(": ").append(what);
        Matcher kw = KEYWORD.matcher(what);
        if (kw.find() && identifiers(tables).contains(kw.group(1).toLowerCase(java.util.Locale.ROOT))) {
            b.append(" (columns and tables named like SQL keywords need backquotes: `").append(kw.group(1).toLowerCase(java.util.Locale.ROOT)).append("`)");
        }
        if (what.contains("Object '") && what.contains("not found")) b.append(" (tables: ").append(String.join(", ", tables)).append(")");
        return b.toString();
    }

    /** Every table and column name KeyTrail defines. */
    private static java.util.Set<String> identifiers(List<String> tables) {
        java.util.Set<String> ids = new java.util.HashSet<>(tables);
        for (io.keytrail.table.TableSchema<?> t : io.keytrail.table.Tables.ALL) {
            ids.add(t.name);
            t.columns().forEach(c -> ids.add(c.name));
        }
        return ids;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }
}
