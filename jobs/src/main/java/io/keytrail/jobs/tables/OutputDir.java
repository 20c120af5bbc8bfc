package io.keytrail.jobs.tables;

import io.keytrail.table.ParquetRowWriter;
import io.keytrail.table.TableSchema;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An output directory that a run writes into atomically per table: tables are written under
 * {@code OUT/.staging/<run-id>/} and swapped into place only after the job succeeded, so a reader
 * never sees a half-written table or two runs mixed. Tables the run does not own are left alone.
 */
public final class OutputDir {
    private final Path root;
    private final String runId;
    private final Path staging;

    public OutputDir(Path root, String runId) {
        this.root = root;
        this.runId = runId;
        this.staging = new Path(new Path(root, ".staging"), runId);
    }

    public Path root() {
        return root;
    }

    public Path stagingTable(String table) {
        return new Path(staging, table);
    }

    public Path table(String table) {
        return new Path(root, table);
    }

    /** Swaps each staged table into place; a table with no rows gets one schema-only file. */
    public void commit(List<TableSchema<?>> tables) throws IOException {
        FileSystem fs = root.getFileSystem();
        for (TableSchema<?> t : tables) {
            Path staged = stagingTable(t.name);
            if (!hasParquet(fs, staged)) {
                fs.mkdirs(staged);
                new ParquetRowWriter<>(t).writeEmpty(new Path(staged, "part-empty.parquet"));
            }
        }
        Path trash = new Path(new Path(root, ".trash"), runId);
        for (TableSchema<?> t : tables) {
            Path live = table(t.name);
            if (fs.exists(live)) {
                fs.mkdirs(trash);
                if (!fs.rename(live, new Path(trash, t.name))) throw new IOException("cannot move old table " + live + " aside");
            }
            if (!fs.rename(stagingTable(t.name), live)) throw new IOException("cannot move staged table into " + live);
        }
        fs.delete(trash, true);
        fs.delete(staging, true);
        deleteIfEmpty(fs, new Path(root, ".trash"));
        deleteIfEmpty(fs, new Path(root, ".staging"));
    }

    /** For tables written in place (streaming): each gets a schema-only file until it has rows of its own. */
    public void ensureReadable(List<TableSchema<?>> tables) throws IOException {
        FileSystem fs = root.getFileSystem();
        for (TableSchema<?> t : tables) {
            Path dir = table(t.name);
            if (!hasParquet(fs, dir)) {
                fs.mkdirs(dir);
                new ParquetRowWriter<>(t).writeEmpty(new Path(dir, "part-empty.parquet"));
            }
        }
    }

    /** Drops what this run staged; the tables in place stay as they were. */
    public void abort() {
        try {
            FileSystem fs = root.getFileSystem();
            fs.delete(staging, true);
            deleteIfEmpty(fs, new Path(root, ".staging"));
        } catch (IOException ignored) {
            // Best effort: a leftover staging dir is hidden and never read as a table.
        }
    }

    public void writeRunRecord(String json) throws IOException {
        FileSystem fs = root.getFileSystem();
        Path runs = new Path(root, "_runs");
        fs.mkdirs(runs);
        Path tmp = new Path(runs, "." + runId + ".json.tmp");
        try (OutputStream out = fs.create(tmp, FileSystem.WriteMode.OVERWRITE)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        fs.rename(tmp, new Path(runs, runId + ".json"));
    }

    public static boolean hasParquet(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) return false;
        FileStatus[] sts = fs.listStatus(dir);
        if (sts == null) return false;
        for (FileStatus s : sts) {
            String n = s.getPath().getName();
            if (s.isDir()) {
                if (!n.startsWith(".") && hasParquet(fs, s.getPath())) return true;
            } else if (n.endsWith(".parquet") && !n.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir)) {
            FileStatus[] sts = fs.listStatus(dir);
            if (sts == null || sts.length == 0) fs.delete(dir, false);
        }
    }
}
