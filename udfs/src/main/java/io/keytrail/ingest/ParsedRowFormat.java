package io.keytrail.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/** A BulkFormat that reads whole files (not splittable) into {@link ParsedRow}s, restorable by rows emitted. */
public abstract class ParsedRowFormat implements BulkFormat<ParsedRow, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    protected static final int BATCH = 1024;

    /** Which input this is (history, archive, ingest), recorded with rejects. */
    protected final String inputName;
    private final java.util.Map<String, Integer> fileIndex;

    /** @param fileIndex each file's position in the sorted input listing, for record ordering */
    protected ParsedRowFormat(String inputName, java.util.Map<String, Integer> fileIndex) {
        this.inputName = inputName;
        this.fileIndex = fileIndex;
    }

    /** The file's position in the sorted input listing (0 when not listed). */
    protected int fileIndex(Path path) {
        Integer i = fileIndex.get(UsageFileFormat.indexKey(path));
        return i == null ? 0 : i;
    }

    /** A reader of one file that skips the first {@code skip} rows it would emit (already emitted before a restore). */
    protected abstract Reader<ParsedRow> reader(Path path, long skip);

    @Override
    public Reader<ParsedRow> createReader(Configuration config, FileSourceSplit split) {
        return reader(split.path(), 0);
    }

    @Override
    public Reader<ParsedRow> restoreReader(Configuration config, FileSourceSplit split) {
        return reader(split.path(), split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L));
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ParsedRow> getProducedType() {
        return TypeInformation.of(ParsedRow.class);
    }
}
