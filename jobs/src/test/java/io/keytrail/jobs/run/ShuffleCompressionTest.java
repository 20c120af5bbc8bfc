package io.keytrail.jobs.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions.CompressionCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShuffleCompressionTest {
    static final long GIB = 1L << 30;

    @Test
    void inputsUpToOneGibAreShuffledUncompressedAndLargerOnesWithLz4() {
        assertEquals(CompressionCodec.NONE, ShuffleCompression.forInputBytes(0));
        assertEquals(CompressionCodec.NONE, ShuffleCompression.forInputBytes(204L << 20));
        assertEquals(CompressionCodec.NONE, ShuffleCompression.forInputBytes(GIB));
        assertEquals(CompressionCodec.LZ4, ShuffleCompression.forInputBytes(GIB + 1));
        assertEquals(CompressionCodec.LZ4, ShuffleCompression.forInputBytes(4 * GIB));
    }

    @Test
    void setsTheCodecForTheJobUnlessTheFlinkConfigurationNamesOne() {
        Configuration job = new Configuration();
        ShuffleCompression.choose(new Configuration(), job, 2 * GIB);
        assertEquals(CompressionCodec.LZ4, job.get(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC));

        Configuration local = new Configuration();
        local.setString("taskmanager.network.compression.codec", "ZSTD");
        Configuration untouched = new Configuration();
        ShuffleCompression.choose(local, untouched, 1);
        assertFalse(untouched.contains(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC), "the configured codec stands");
    }
}
