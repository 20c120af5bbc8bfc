package io.keytrail.jobs.sweep;

import io.keytrail.flink.types.UsageEncoding;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Numbered strings only where no shuffled byte can leave the JVM: the launcher's local MiniCluster running
 * BATCH ({@link UsageEncodingOnTestClusterTest} for a test's MiniCluster).
 */
class UsageEncodingChoiceTest {
    private static Configuration mode(RuntimeExecutionMode mode) {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        return c;
    }

    @Test
    void aLocalBatchJobShufflesInProcess() {
        assertEquals(UsageEncoding.IN_PROCESS,
                SweepPipeline.usageEncoding(StreamExecutionEnvironment.createLocalEnvironment(mode(RuntimeExecutionMode.BATCH))));
    }

    @Test
    void streamingStaysPortableEvenLocally() {
        assertEquals(UsageEncoding.PORTABLE,
                SweepPipeline.usageEncoding(StreamExecutionEnvironment.createLocalEnvironment(mode(RuntimeExecutionMode.STREAMING))));
    }

    @Test
    void aRemoteClusterGetsPortableBytes() {
        StreamExecutionEnvironment remote = StreamExecutionEnvironment.createRemoteEnvironment("localhost", 8081,
                mode(RuntimeExecutionMode.BATCH));
        assertEquals(UsageEncoding.PORTABLE, SweepPipeline.usageEncoding(remote));
    }
}
