package io.keytrail.ingest;

/**
 * One input row's canonical fields before validation, as the reader found them. Values are String,
 * Long, Double, Boolean, {@link TsValue} or null, or a number held unboxed (see {@link #typed}); the
 * normalizer decides what is acceptable.
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

    /*
     * Numbers a reader decoded as primitives (Parquet's integer, double and TIMESTAMP columns), so that
     * no row boxes them: a bit of {@link #typed} set means the value is in the matching field below and
     * the boxed field above is null. Each stands for the box the reader would otherwise have stored:
     * a Long, a Double, or a TsValue at offset 0.
     */
    public static final int TYPED_TIMESTAMP = 1;
    public static final int TYPED_INPUT_TOKENS = 1 << 1;
    public static final int TYPED_OUTPUT_TOKENS = 1 << 2;
    public static final int TYPED_STATUS_CODE = 1 << 3;
    public static final int TYPED_COST_USD = 1 << 4;
    public static final int TYPED_REQUEST_COUNT = 1 << 5;
    public static final int TYPED_BUCKET_SECONDS = 1 << 6;
    public int typed;
    /** Epoch microseconds, UTC. */
    public long timestampMicros;
    public long inputTokensValue;
    public long outputTokensValue;
    public long statusCodeValue;
    public double costUsdValue;
    public long requestCountValue;
    public long bucketSecondsValue;

    public void clear() {
        timestamp = apiKeyId = apiKeyFingerprint = model = inputTokens = outputTokens = null;
        endpoint = sourceIp = userAgent = statusCode = costUsd = provider = requestCount = null;
        errorCode = bucketSeconds = null;
        requestId = null;
        typed = 0;
    }

    public boolean isTyped(int bit) {
        return (typed & bit) != 0;
    }

    /** Moves the typed numbers into their boxed fields, as a reader that boxes them would have stored them. */
    public void boxTyped() {
        if (isTyped(TYPED_TIMESTAMP)) timestamp = new TsValue(timestampMicros, 0);
        if (isTyped(TYPED_INPUT_TOKENS)) inputTokens = inputTokensValue;
        if (isTyped(TYPED_OUTPUT_TOKENS)) outputTokens = outputTokensValue;
        if (isTyped(TYPED_STATUS_CODE)) statusCode = statusCodeValue;
        if (isTyped(TYPED_COST_USD)) costUsd = costUsdValue;
        if (isTyped(TYPED_REQUEST_COUNT)) requestCount = requestCountValue;
        if (isTyped(TYPED_BUCKET_SECONDS)) bucketSeconds = bucketSecondsValue;
        typed = 0;
    }

    /** A compact rendering of the row for the rejects table (the caller masks secrets); boxes the typed numbers first. */
    public String describe() {
        boxTyped();
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
