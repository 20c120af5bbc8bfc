package io.keytrail.jobs.run;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Execution environments. Under `flink run` this is the cluster's; under the launcher an embedded
 * MiniCluster configured from conf/config.yaml (or the directory in KEYTRAIL_FLINK_CONF).
 */
public final class FlinkEnvironments {
    private FlinkEnvironments() {}

    public static int defaultParallelism() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public static Configuration localConfiguration() {
        String dir = System.getenv().getOrDefault("KEYTRAIL_FLINK_CONF", "conf");
        if (Files.isRegularFile(Path.of(dir, "config.yaml"))) {
            return GlobalConfiguration.loadConfiguration(dir);
        }
        return new Configuration();
    }

    /** {@code defaults}, then {@code local} over them, then {@code extra} over both. */
    static Configuration merged(Configuration defaults, Configuration local, Configuration extra) {
        Configuration conf = new Configuration();
        conf.addAll(defaults);
        conf.addAll(local);
        conf.addAll(extra);
        return conf;
    }

    public static StreamExecutionEnvironment create(RuntimeExecutionMode mode, int parallelism) {
        return create(mode, parallelism, new Configuration());
    }

    /** {@code extra} overrides the local configuration (checkpointing, state backend, restarts). */
    public static StreamExecutionEnvironment create(RuntimeExecutionMode mode, int parallelism, Configuration extra) {
        return create(mode, parallelism, new Configuration(), extra);
    }

    /** As above, with {@code defaults}: settings the local configuration may override in its turn. */
    public static StreamExecutionEnvironment create(RuntimeExecutionMode mode, int parallelism, Configuration defaults,
                                                    Configuration extra) {
        Configuration conf = merged(defaults, localConfiguration(), extra);
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        // Every type must have a Flink serializer: a silent Kryo fallback is a bug here.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }
}
