package io.keytrail.jobs.sweep;

import io.keytrail.flink.types.UsageEncoding;
import io.keytrail.jobs.run.FlinkEnvironments;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A test's MiniCluster runs in the test's JVM too: BATCH sweeps there shuffle numbered strings, as the launcher's do. */
class UsageEncodingOnTestClusterTest {
    @RegisterExtension
    static final MiniClusterExtension MINI = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void batchShufflesInProcessAndStreamingStaysPortable() {
        assertEquals(UsageEncoding.IN_PROCESS, SweepPipeline.usageEncoding(FlinkEnvironments.create(RuntimeExecutionMode.BATCH, 2)));
        assertEquals(UsageEncoding.PORTABLE, SweepPipeline.usageEncoding(FlinkEnvironments.create(RuntimeExecutionMode.STREAMING, 2)));
    }
}
