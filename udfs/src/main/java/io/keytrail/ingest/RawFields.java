package io.keytrail.ingest;

/**
 * One input row's canonical fields before validation, as the reader found them. Values are String,
 * Long, Double, Boolean, {@link TsValue} or null; the normalizer decides what is acceptable.
 */
public final class RawFields {
    public Object timestamp;
    public Object apiKeyId;
    public Object apiKeyFingerprint;
    public Object model;
    public Object inputTokens;
    public Object outputTokens;
    public Object endpoint;
    public Object sourceIp;
    public Object userAgent;
    public Object statusCode;
    public Object costUsd;
    public Object provider;
    public Object requestCount;
    public Object errorCode;
    public Object bucketSeconds;
    /** Provider request id, for joining two sources of one request; not a stored column. */
    public String requestId;

    public void clear() {
        timestamp = apiKeyId = apiKeyFingerprint = model = inputTokens = outputTokens = null;
        endpoint = sourceIp = userAgent = statusCode = costUsd = provider = requestCount = null;
        errorCode = bucketSeconds = null;
        requestId = null;
    }

    /** A compact rendering of the row for the rejects table (the caller masks secrets). */
    public String describe() {
        StringBuilder b = new StringBuilder("{");
        append(b, "timestamp", timestamp);
        append(b, "api_key_id", apiKeyId);
        append(b, "model", model);
        append(b, "input_tokens", inputTokens);
        append(b, "output_tokens", outputTokens);
        append(b, "endpoint", endpoint);
        append(b, "source_ip", sourceIp);
        append(b, "user_agent", userAgent);
        append(b, "status_code", statusCode);
        append(b, "cost_usd", costUsd);
        append(b, "provider", provider);
        append(b, "request_count", requestCount);
        append(b, "error_code", errorCode);
        append(b, "bucket_seconds", bucketSeconds);
        return b.append('}').toString();
    }

    private static void append(StringBuilder b, String k, Object v) {
        if (v == null) return;
        if (b.length() > 1) b.append(", ");
        b.append(k).append('=');
        if (v instanceof TsValue t) b.append(t.epochMicros()).append("us");
        else b.append(v);
    }
}
