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
    /** The same for the columns read as primitives: their {@link RawFields} TYPED_ bit, values and nulls. */
    private Col[] typedCols;
    private int[] typedBits;
    private long[][] typedLongs;
    private double[][] typedDoubles;
    private boolean[][] typedNulls;
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
            splitTyped();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Moves the numeric columns that decode as primitives out of {@link #cols} into the typed ones, which
     * no row boxes. Only a field that one column alone fills: with two, the later column's cell wins,
     * null or not, and the boxed path keeps that rule.
     */
    private void splitTyped() {
        java.util.Map<String, Integer> columnsPerField = new java.util.HashMap<>();
        for (Col c : cols) columnsPerField.merge(c.field, 1, Integer::sum);
        List<Col> boxed = new ArrayList<>();
        List<Col> typed = new ArrayList<>();
        List<Integer> bits = new ArrayList<>();
        for (Col c : cols) {
            int bit = columnsPerField.get(c.field) == 1 ? typedBit(c) : 0;
            if (bit == 0) {
                boxed.add(c);
            } else {
                typed.add(c);
                bits.add(bit);
            }
        }
        cols.clear();
        cols.addAll(boxed);
        cells = new Object[cols.size()][BATCH];
        slots = new int[cols.size()];
        for (int i = 0; i < slots.length; i++) slots[i] = FieldNames.slot(cols.get(i).field);
        typedCols = typed.toArray(new Col[0]);
        typedBits = new int[typedCols.length];
        typedLongs = new long[typedCols.length][];
        typedDoubles = new double[typedCols.length][];
        typedNulls = new boolean[typedCols.length][BATCH];
        for (int i = 0; i < typedCols.length; i++) {
            typedBits[i] = bits.get(i);
            if (typedBits[i] == RawFields.TYPED_COST_USD) typedDoubles[i] = new double[BATCH];
            else typedLongs[i] = new long[BATCH];
        }
    }

    /** The TYPED_ bit a column is read under, or 0 to read it boxed: where the boxed cell would be a Long, Double or TsValue the normalizer takes as is. */
    private static int typedBit(Col c) {
        PageColumn v = c.values;
        switch (c.field) {
            case "timestamp": return v.isTimestamp() ? RawFields.TYPED_TIMESTAMP : 0;
            case "cost_usd": return v.readsAsDoubles() ? RawFields.TYPED_COST_USD : 0;
            case "input_tokens": return v.readsAsIntegers() ? RawFields.TYPED_INPUT_TOKENS : 0;
            case "output_tokens": return v.readsAsIntegers() ? RawFields.TYPED_OUTPUT_TOKENS : 0;
            case "status_code": return v.readsAsIntegers() ? RawFields.TYPED_STATUS_CODE : 0;
            case "request_count": return v.readsAsIntegers() ? RawFields.TYPED_REQUEST_COUNT : 0;
            case "bucket_seconds": return v.readsAsIntegers() ? RawFields.TYPED_BUCKET_SECONDS : 0;
            default: return 0;
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
                for (Col c : typedCols) c.values.startChunk(rg.getPageReader(c.desc));
            }
            int n = (int) Math.min(BATCH, rowsLeft);
            for (int c = 0; c < cells.length; c++) cols.get(c).values.fill(cells[c], n);
            for (int c = 0; c < typedCols.length; c++) {
                if (typedDoubles[c] != null) typedCols[c].values.fillDoubles(typedDoubles[c], typedNulls[c], n);
                else typedCols[c].values.fillLongs(typedLongs[c], typedNulls[c], n);
            }
            rowsLeft -= n;
            batchPos = 0;
            batchLen = n;
        }
        into.clear();
        for (int c = 0; c < cells.length; c++) FieldNames.set(into, slots[c], cells[c][batchPos]);
        for (int c = 0; c < typedCols.length; c++) {
            if (!typedNulls[c][batchPos]) setTyped(into, typedBits[c], c);
        }
        batchPos++;
        row++;
        return Status.ROW;
    }

    private void setTyped(RawFields into, int bit, int c) {
        switch (bit) {
            case RawFields.TYPED_TIMESTAMP: into.timestampMicros = typedLongs[c][batchPos]; break;
            case RawFields.TYPED_INPUT_TOKENS: into.inputTokensValue = typedLongs[c][batchPos]; break;
            case RawFields.TYPED_OUTPUT_TOKENS: into.outputTokensValue = typedLongs[c][batchPos]; break;
            case RawFields.TYPED_STATUS_CODE: into.statusCodeValue = typedLongs[c][batchPos]; break;
            case RawFields.TYPED_COST_USD: into.costUsdValue = typedDoubles[c][batchPos]; break;
            case RawFields.TYPED_REQUEST_COUNT: into.requestCountValue = typedLongs[c][batchPos]; break;
            default: into.bucketSecondsValue = typedLongs[c][batchPos]; break;
        }
        into.typed |= bit;
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
