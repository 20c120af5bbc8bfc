package io.keytrail.jobs.run;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions.CompressionCodec;
import org.apache.flink.configuration.PipelineOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void theSizesCodecIsADefaultThatAConfiguredCodecOverridesAndJobSettingsDoNotTouch() {
        Configuration silent = new Configuration();
        Configuration jobSettings = new Configuration();
        jobSettings.set(PipelineOptions.OBJECT_REUSE, true);
        assertEquals(CompressionCodec.LZ4, FlinkEnvironments.merged(ShuffleCompression.defaults(2 * GIB), silent, jobSettings)
                .get(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC));
        assertEquals(CompressionCodec.NONE, FlinkEnvironments.merged(ShuffleCompression.defaults(GIB), silent, jobSettings)
                .get(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC));

        Configuration local = new Configuration();
        local.setString("taskmanager.network.compression.codec", "ZSTD");
        local.set(PipelineOptions.OBJECT_REUSE, false);
        Configuration merged = FlinkEnvironments.merged(ShuffleCompression.defaults(1), local, jobSettings);
        assertEquals(CompressionCodec.ZSTD, merged.get(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC), "the configured codec stands");
        assertEquals(true, merged.get(PipelineOptions.OBJECT_REUSE), "the job's own settings override the configuration");
    }
}
