package io.keytrail.parquet;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;

import java.io.IOException;

/**
 * Opens Parquet files for reading with one Hadoop {@link Configuration} per JVM. parquet-mr's
 * {@code ParquetFileReader.open(InputFile)} makes a new Configuration for every file, and each one
 * parses Hadoop's default XML resources again (6-12 ms a file, about thirty files in a sweep, some of
 * them on the main thread after the job). The options, and with them the codec factory and its
 * decompressors, stay per reader: those are not safe to share between threads.
 */
public final class ParquetFiles {
    private ParquetFiles() {}

    private static volatile Configuration shared;

    public static ParquetFileReader open(InputFile file) throws IOException {
        return ParquetFileReader.open(file, ParquetReadOptions.builder(new HadoopParquetConfiguration(configuration())).build());
    }

    /**
     * A file's footer alone, without Hadoop's configuration: reading no pages needs no codecs, and the
     * sweep reads its history's footers on the main thread before the job, where parsing Hadoop's
     * default XML would delay the job's start.
     */
    public static ParquetMetadata footer(InputFile file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(file, ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return r.getFooter();
        }
    }

    /** Loaded once; only read afterwards (Configuration's reads are synchronized). */
    static Configuration configuration() {
        Configuration c = shared;
        if (c == null) {
            synchronized (ParquetFiles.class) {
                c = shared;
                if (c == null) {
                    c = new Configuration();
                    c.size(); // parses the default resources now, under this lock, not in each reader
                    shared = c;
                }
            }
        }
        return c;
    }
}
