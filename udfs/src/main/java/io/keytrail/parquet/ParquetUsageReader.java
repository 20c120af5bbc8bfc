package io.keytrail.parquet;

import io.keytrail.ingest.FieldNames;
import io.keytrail.ingest.RawFields;
import io.keytrail.ingest.UsageRowReader;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads usage rows from any Parquet file, column by column: only the canonical columns are
 * projected (extra columns cost nothing, column order does not matter), each column is decoded a page
 * at a time ({@link PageColumn}), and each cell is converted by its physical and logical type rather
 * than by a fixed schema.
 */
public final class ParquetUsageReader implements UsageRowReader {
    private static final String[] REQUIRED = {"timestamp", "api_key_id", "model", "input_tokens", "output_tokens"};

    /** Rows decoded per column before they are handed out row by row. */
    static final int BATCH = 1024;

    private final ParquetFileReader reader;
    private final List<Col> cols = new ArrayList<>();
    private long rowsLeft;
    private long row;
    /** The current batch: {@code cells[column][row]}, and the fields the columns fill. */
    private Object[][] cells;
    private int[] slots;
    private int batchPos;
    private int batchLen;

    private static final class Col {
        final String field;
        final ColumnDescriptor desc;
        final PageColumn values;

        Col(String field, ColumnDescriptor desc, String createdBy) {
            this.field = field;
            this.desc = desc;
            this.values = new PageColumn(desc, createdBy);
        }
    }

    /** Opens the file; throws with a reason when it is not a usable usage file at all. */
    public ParquetUsageReader(InputFile file) throws IOException {
        this.reader = ParquetFiles.open(file);
        try {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            List<Type> selected = new ArrayList<>();
            boolean hasKey = false;
            for (Type t : schema.getFields()) {
                String canonical = FieldNames.canonical(t.getName());
                if (canonical == null) continue;
                if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                    throw new IOException("column " + t.getName() + " is not a scalar column");
                }
                if (canonical.equals("api_key_id") || canonical.equals("api_key_prefix")) hasKey = true;
                selected.add(t);
            }
            for (String req : REQUIRED) {
                boolean found = req.equals("api_key_id") ? hasKey
                        : selected.stream().anyMatch(t -> req.equals(FieldNames.canonical(t.getName())));
                if (!found) throw new IOException("missing required column " + req + (req.equals("api_key_id") ? " (or api_key_prefix)" : ""));
            }
            MessageType projection = new MessageType(schema.getName(), selected);
            for (Type t : selected) {
                cols.add(new Col(FieldNames.canonical(t.getName()), projection.getColumnDescription(new String[] {t.getName()}), createdBy));
            }
            // api_key_prefix must only fill api_key_id when api_key_id is absent: read it last.
            cols.sort((a, b) -> Boolean.compare(a.field.equals("api_key_prefix"), b.field.equals("api_key_prefix")));
            reader.setRequestedSchema(projection);
            cells = new Object[cols.size()][BATCH];
            slots = new int[cols.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = FieldNames.slot(cols.get(i).field);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    public long rowCount() {
        return reader.getRecordCount();
    }

    @Override
    public Status next(RawFields into) throws IOException {
        if (batchPos == batchLen) {
            while (rowsLeft == 0) {
                PageReadStore rg = reader.readNextRowGroup();
                if (rg == null) return Status.END;
                rowsLeft = rg.getRowCount();
                for (Col c : cols) c.values.startChunk(rg.getPageReader(c.desc));
            }
            int n = (int) Math.min(BATCH, rowsLeft);
            for (int c = 0; c < cells.length; c++) cols.get(c).values.fill(cells[c], n);
            rowsLeft -= n;
            batchPos = 0;
            batchLen = n;
        }
        into.clear();
        for (int c = 0; c < cells.length; c++) FieldNames.set(into, slots[c], cells[c][batchPos]);
        batchPos++;
        row++;
        return Status.ROW;
    }

    @Override
    public long position() {
        return row;
    }

    @Override
    public String positionUnit() {
        return "row";
    }

    @Override
    public String error() {
        return null;
    }

    @Override
    public String rawText() {
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
