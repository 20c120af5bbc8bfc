package io.keytrail.jobs.sweep;

import io.keytrail.ingest.UsageFileFormat;
import io.keytrail.jobs.cli.UsageException;
import io.keytrail.model.Reject;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files behind an input's paths: directories read recursively, hidden and underscore files (such
 * as _SUCCESS and .crc) skipped by the Hadoop convention, files sorted by path so that input position
 * (file, then row) is well defined. Files of an unknown type become rejects, not silence.
 */
public final class InputFiles {
    public final String input;
    public final List<Path> files = new ArrayList<>();
    public final List<Reject> rejects = new ArrayList<>();
    public long bytes;

    private InputFiles(String input) {
        this.input = input;
    }

    public static InputFiles list(String input, List<String> paths) throws UsageException, IOException {
        InputFiles f = new InputFiles(input);
        List<FileStatus> found = new ArrayList<>();
        for (String p : paths) {
            Path path = toPath(p);
            FileSystem fs = path.getFileSystem();
            FileStatus st;
            try {
                st = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new UsageException(input + " path not found: " + p);
            }
            collect(fs, st, found, f);
        }
        found.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        for (FileStatus st : found) {
            f.files.add(st.getPath());
            f.bytes += st.getLen();
        }
        return f;
    }

    private static void collect(FileSystem fs, FileStatus st, List<FileStatus> out, InputFiles f) throws IOException {
        String name = st.getPath().getName();
        if (st.isDir()) {
            FileStatus[] children = fs.listStatus(st.getPath());
            if (children == null) return;
            for (FileStatus c : children) {
                String n = c.getPath().getName();
                if (n.startsWith(".") || n.startsWith("_")) continue;
                collect(fs, c, out, f);
            }
            return;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (UsageFileFormat.isParquet(lower) || UsageFileFormat.isJsonLines(lower)) {
            out.add(st);
        } else {
            f.rejects.add(Reject.of(f.input, st.getPath().toString(), "file",
                    "unsupported file type (expected .parquet, .jsonl or .jsonl.gz); not read", null));
        }
    }

    /** Local paths become absolute file: URIs, so tasks on other machines or working dirs agree. */
    public static Path toPath(String p) {
        URI u = URI.create(p.replace(" ", "%20"));
        if (u.getScheme() == null || u.getScheme().length() == 1) {
            return new Path(new File(p).getAbsoluteFile().toURI());
        }
        return new Path(p);
    }

    /** Index of each file in the sorted listing, keyed by the path component. */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < files.size(); i++) m.put(UsageFileFormat.indexKey(files.get(i)), i);
        return m;
    }
}
