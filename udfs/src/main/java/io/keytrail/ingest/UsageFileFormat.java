package io.keytrail.ingest;

import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;
import io.keytrail.parquet.FlinkInputFile;
import io.keytrail.parquet.ParquetUsageReader;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads usage files (Parquet, JSON Lines, gzip'd JSON Lines) as {@link ParsedRow}s. Nothing is lost:
 * an unreadable file becomes one reject with its reason, a bad row becomes a reject with its position,
 * and every good row carries its input position for the seed's stable ordering.
 */
public final class UsageFileFormat extends ParsedRowFormat {
    private static final long serialVersionUID = 1L;

    private final UsageNormalizer normalizer;

    /**
     * @param inputName  which input this is (history, archive), recorded with rejects
     * @param fileIndex  each file's position in the sorted input listing, for record ordering
     */
    public UsageFileFormat(String inputName, Map<String, Integer> fileIndex, UsageNormalizer normalizer) {
        super(inputName, fileIndex);
        this.normalizer = normalizer;
    }

    public static boolean isParquet(String path) {
        return path.endsWith(".parquet") || path.endsWith(".parq") || path.endsWith(".pq");
    }

    public static boolean isJsonLines(String path) {
        return path.endsWith(".jsonl") || path.endsWith(".jsonl.gz") || path.endsWith(".ndjson")
                || path.endsWith(".ndjson.gz") || path.endsWith(".json") || path.endsWith(".json.gz");
    }

    @Override
    protected Reader<ParsedRow> reader(Path path, long skip) {
        return new FileReader(path, skip);
    }

    /** Reads one whole file; all failures turn into rejects. */
    private final class FileReader implements Reader<ParsedRow> {
        private final Path path;
        private final String pathText;
        private final int index;
        private UsageRowReader rows;
        private boolean done;
        private final RestoredBatches<ParsedRow> batches;
        private final RawFields raw = new RawFields();

        FileReader(Path path, long skip) {
            this.path = path;
            this.pathText = path.toString();
            this.index = fileIndex(path);
            this.batches = new RestoredBatches<>(skip);
        }

        @Override
        public RecordIterator<ParsedRow> readBatch() throws IOException {
            if (done) return null;
            List<ParsedRow> batch = new ArrayList<>(BATCH);
            if (rows == null) {
                try {
                    rows = open();
                } catch (Exception e) {
                    done = true;
                    batch.add(fileReject("cannot read file: " + message(e)));
                    return finish(batch);
                }
            }
            try {
                while (batch.size() < BATCH) {
                    UsageRowReader.Status s = rows.next(raw);
                    if (s == UsageRowReader.Status.END) {
                        done = true;
                        break;
                    }
                    long seq = UsageRecord.seqOf(index, rows.position());
                    if (s == UsageRowReader.Status.BAD_ROW) {
                        batch.add(rowReject(where(), rows.error(), rows.rawText()));
                        continue;
                    }
                    try {
                        ParsedRow row = ParsedRow.ok(normalizer.normalize(raw, seq));
                        row.masked = UsageNormalizer.maskedValues(raw, row.record);
                        batch.add(row);
                    } catch (InvalidRecordException e) {
                        batch.add(rowReject(where(), e.getMessage(), rows.rawText() != null ? rows.rawText() : raw.describe()));
                    }
                }
            } catch (Exception e) {
                done = true;
                batch.add(fileReject("file unreadable after " + rows.positionUnit() + " " + rows.position()
                        + ", rest of file not read: " + message(e)));
            }
            return finish(batch);
        }

        /** Where the current row is, for a reject ("row 12", "line 3"); built only when a row is rejected. */
        private String where() {
            return rows.positionUnit() + " " + rows.position();
        }

        private RecordIterator<ParsedRow> finish(List<ParsedRow> batch) {
            // Restores skip what was emitted before; rows already emitted are not re-emitted.
            return batches.batch(batch);
        }

        private UsageRowReader open() throws IOException {
            String p = pathText.toLowerCase(java.util.Locale.ROOT);
            if (isParquet(p)) return new ParquetUsageReader(new FlinkInputFile(path));
            if (isJsonLines(p)) {
                InputStream in = path.getFileSystem().open(path);
                if (p.endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
                return new JsonLinesUsageReader(in);
            }
            throw new IOException("unsupported file type (expected .parquet, .jsonl or .jsonl.gz)");
        }

        private ParsedRow fileReject(String reason) {
            return ParsedRow.rejected(Reject.of(inputName, pathText, "file", mask(reason), null));
        }

        private ParsedRow rowReject(String where, String reason, String rawText) {
            return ParsedRow.rejected(Reject.of(inputName, pathText, where, mask(reason), RejectText.of(normalizer.masker(), rawText)));
        }

        private String mask(String s) {
            return s == null ? null : normalizer.masker().maskText(s);
        }

        @Override
        public void close() throws IOException {
            if (rows != null) rows.close();
        }
    }

    /** How files are looked up in the index: by path component, whatever scheme spelling the enumerator used. */
    public static String indexKey(Path p) {
        return p.toUri().getPath();
    }


    static String message(Throwable e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? kind : kind + ": " + m;
    }
}
