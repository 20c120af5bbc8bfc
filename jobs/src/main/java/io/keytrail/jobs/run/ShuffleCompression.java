package io.keytrail.jobs.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions.CompressionCodec;

/**
 * The codec of a local BATCH run's shuffle, chosen by the size of its input unless the Flink
 * configuration names one. A local shuffle never crosses a network: it is written to the run's
 * temporary directory (about five times the Parquet input) and read back by the same process. While
 * that fits in the page cache, LZ4 only costs CPU (10 M records, 0.2 GB of input: 2 s of 36 s, 1.0 GB
 * of temporary files instead of 0.7); on larger inputs the extra disk traffic costs more than LZ4
 * does (100 M records, 3.8 GB of input: 316 s uncompressed against 255 s, 18.3 GB against 11.0).
 * Between those, at 2.0 GB of input, the two took the same time. docs/PERFORMANCE.md, change 7.
 */
public final class ShuffleCompression {
    /** Inputs up to this size are shuffled uncompressed. */
    public static final long UNCOMPRESSED_UP_TO_BYTES = 1L << 30;

    private ShuffleCompression() {}

    public static CompressionCodec forInputBytes(long inputBytes) {
        return inputBytes <= UNCOMPRESSED_UP_TO_BYTES ? CompressionCodec.NONE : CompressionCodec.LZ4;
    }

    /** The codec for {@code inputBytes} of input, as a default the Flink configuration may override. */
    public static Configuration defaults(long inputBytes) {
        Configuration c = new Configuration();
        c.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, forInputBytes(inputBytes));
        return c;
    }
}
