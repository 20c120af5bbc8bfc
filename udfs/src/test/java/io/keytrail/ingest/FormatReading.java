package io.keytrail.ingest;

import io.keytrail.secrets.KeyMasker;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a file through the real Flink BulkFormat, as the FileSource would. */
final class FormatReading {
    private FormatReading() {}

    static List<ParsedRow> read(File f) throws Exception {
        Path p = new Path(f.toURI());
        return read(f, new UsageFileFormat("archive", Map.of(UsageFileFormat.indexKey(p), 3),
                new UsageNormalizer(KeyMasker.defaults())));
    }

    static List<ParsedRow> read(File f, BulkFormat<ParsedRow, FileSourceSplit> format) throws Exception {
        Path p = new Path(f.toURI());
        FileSourceSplit split = new FileSourceSplit("s", p, 0, f.length(), f.lastModified(), f.length());
        List<ParsedRow> out = new ArrayList<>();
        try (BulkFormat.Reader<ParsedRow> r = format.createReader(new Configuration(), split)) {
            BulkFormat.RecordIterator<ParsedRow> it;
            while ((it = r.readBatch()) != null) {
                RecordAndPosition<ParsedRow> rp;
                while ((rp = it.next()) != null) out.add(rp.getRecord());
                it.releaseBatch();
            }
        }
        return out;
    }
}
