package io.keytrail.flink.types;

/** How usage records travel from the archive readers to detection. */
public enum UsageEncoding {
    /** Self-contained bytes ({@link UsageRecordSerializer}'s format): for clusters and STREAMING, whose bytes may leave the JVM. */
    PORTABLE,
    /**
     * Strings as numbers in this JVM's {@link InProcessStrings#JVM} ({@link InProcessUsageFormat}): for a BATCH
     * job whose tasks all run in this process (the launcher's MiniCluster), where no byte leaves it.
     */
    IN_PROCESS
}
