package io.keytrail.table;

import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

import java.io.IOException;

/**
 * Parquet files of a {@link TableSchema}: as a Flink {@link BulkWriter.Factory} for FileSink (through
 * {@link ColumnarParquetWriter}), and as a plain parquet-mr record writer for the generator (whose files
 * stand for other tools' exports), leakscan's one file and empty tables that must still carry their schema.
 */
public final class ParquetRowWriter<T> implements BulkWriter.Factory<T> {
    private static final long serialVersionUID = 1L;

    private final TableSchema<T> schema;

    public ParquetRowWriter(TableSchema<T> schema) {
        this.schema = schema;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream stream) throws IOException {
        ColumnarParquetWriter<T> w = new ColumnarParquetWriter<>(new StreamOutputFile(stream, false), schema);
        return new BulkWriter<>() {
            @Override
            public void addElement(T element) throws IOException {
                w.write(element);
            }

            @Override
            public void flush() {}

            @Override
            public void finish() throws IOException {
                w.close();
            }
        };
    }

    /** A writer to a new file (overwritten if present), closed by the caller. */
    public ParquetWriter<T> openFile(Path path) throws IOException {
        FileSystem fs = path.getFileSystem();
        FSDataOutputStream stream = fs.create(path, FileSystem.WriteMode.OVERWRITE);
        return open(new StreamOutputFile(stream, true));
    }

    /** Writes a file holding only the schema: an empty table is still a readable table. */
    public void writeEmpty(Path path) throws IOException {
        openFile(path).close();
    }

    private ParquetWriter<T> open(OutputFile file) throws IOException {
        Builder<T> b = new Builder<>(file, schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize(64L << 20)
                .withPageSize(1 << 20)
                // Size statistics (Parquet 2.11 level histograms and byte counts) are collected per value and
                // used by no reader we target; min/max statistics stay for predicate pushdown.
                .withSizeStatisticsEnabled(false);
        // Timestamps and the columns the schema marks are near unique: a dictionary for them would be hashed
        // into per value, then abandoned.
        for (org.apache.parquet.schema.Type t : schema.parquetSchema().getFields()) {
            boolean timestamp = t.isPrimitive() && t.getLogicalTypeAnnotation()
                    instanceof org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
            if (timestamp || schema.isNearUnique(t.getName())) {
                b = b.withDictionaryEncoding(t.getName(), false);
            }
        }
        return b.build();
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final TableSchema<T> schema;

        Builder(OutputFile file, TableSchema<T> schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport<>(schema);
        }
    }

    /** OutputFile over a Flink stream; FileSink owns the stream, so closing the writer must not close it. */
    private static final class StreamOutputFile implements OutputFile {
        private final FSDataOutputStream stream;
        private final boolean closeStream;

        StreamOutputFile(FSDataOutputStream stream, boolean closeStream) {
            this.stream = stream;
            this.closeStream = closeStream;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() throws IOException {
                    return stream.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    stream.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }

                @Override
                public void close() throws IOException {
                    if (closeStream) stream.close();
                    else stream.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
