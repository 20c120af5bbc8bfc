package io.keytrail.model;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.io.Serializable;

/**
 * The canonical usage record (the seed's UsageRecord), as it travels through the pipeline.
 *
 * <p>Plain Java with public fields; Flink serializes it with the compact
 * {@link io.keytrail.flink.types.UsageRecordSerializer} named by the annotation (a JVM without Flink
 * ignores it). Optional numeric fields use sentinels instead of boxing: {@link #NO_STATUS} and NaN
 * for a missing cost.
 */
@TypeInfo(io.keytrail.flink.types.UsageRecordTypeInfo.Factory.class)
public class UsageRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int NO_STATUS = -1;

    /** Event time, epoch microseconds UTC. */
    public long tsMicros;
    /** UTC offset the timestamp was written with (seconds); 0 for UTC or offset-less values. */
    public int offsetSeconds;
    /** Key identity as stored: a full secret is masked (prefix...last4), any other id verbatim. */
    public String apiKeyId;
    /** SHA-256 hex of the full secret when the input held one, else null. */
    public String apiKeyFingerprint;
    public String model;
    public long inputTokens;
    public long outputTokens;
    /** Never null: a missing endpoint reads as "". */
    public String endpoint = "";
    public String sourceIp;
    public String userAgent;
    public int statusCode = NO_STATUS;
    /** NaN when the input had no cost. */
    public double costUsd = Double.NaN;
    public String provider;
    /** Requests this row stands for (bucketed exports count many requests in one row). */
    public long requestCount = 1;
    /** Provider error code (e.g. CloudTrail's errorCode), null when the call succeeded or the source has none. */
    public String errorCode;
    /** Width of the bucket this row aggregates, seconds; 0 for a per-request row. */
    public long bucketSeconds;
    /** Provider request id (CloudTrail requestID, invocation log requestId), used to join sources; not stored. */
    public String requestId;
    /** Position in the input: file index (sorted paths) in the high bits, row in the low 40 bits. */
    public long seq;

    public UsageRecord() {}

    /** The key that groups records: the fingerprint when the id was a full secret, else the id. */
    public String groupKey() {
        return apiKeyFingerprint != null ? apiKeyFingerprint : apiKeyId;
    }

    public boolean hasCost() {
        return !Double.isNaN(costUsd);
    }

    public static long seqOf(int fileIndex, long row) {
        return ((long) fileIndex << 40) | row;
    }

    @Override
    public String toString() {
        return "UsageRecord{" + tsMicros + "," + apiKeyId + "," + model + "," + inputTokens + "," + outputTokens
                + "," + endpoint + "," + sourceIp + "," + statusCode + "," + costUsd + ",seq=" + seq + "}";
    }
}
