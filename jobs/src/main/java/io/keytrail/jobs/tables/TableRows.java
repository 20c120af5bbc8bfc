package io.keytrail.jobs.tables;

import io.keytrail.parquet.FlinkInputFile;
import io.keytrail.parquet.ParquetColumnsReader;
import io.keytrail.parquet.ParquetFiles;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An output table read back whole, as rows of column → value (small tables: incidents, timelines of a run). */
public final class TableRows {
    private TableRows() {}

    public static List<Map<String, Object>> read(Path table) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path f : files(table)) rows.addAll(readFile(f));
        return rows;
    }

    /** One Parquet file, every column. */
    public static List<Map<String, Object>> readFile(Path f) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> cols = new ArrayList<>();
        try (ParquetFileReader r = ParquetFiles.open(new FlinkInputFile(f))) {
            r.getFooter().getFileMetaData().getSchema().getFields().forEach(t -> cols.add(t.getName()));
        }
        ParquetColumnsReader.read(f, cols, values -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < cols.size(); i++) m.put(cols.get(i), values[i]);
            rows.add(m);
        });
        return rows;
    }

    /** The highest revision of each id. */
    public static Map<String, Map<String, Object>> latest(List<Map<String, Object>> rows, String idColumn) {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> r : rows) {
            String id = (String) r.get(idColumn);
            Map<String, Object> prev = m.get(id);
            if (prev == null || ((Number) prev.get("revision")).longValue() < ((Number) r.get("revision")).longValue()) m.put(id, r);
        }
        return m;
    }

    public static List<Path> files(Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem();
        List<Path> out = new ArrayList<>();
        if (!fs.exists(dir)) return out;
        for (FileStatus st : fs.listStatus(dir)) {
            String n = st.getPath().getName();
            if (n.startsWith(".") || n.startsWith("_")) continue;
            if (st.isDir()) out.addAll(files(st.getPath()));
            else if (n.endsWith(".parquet")) out.add(st.getPath());
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }
}
