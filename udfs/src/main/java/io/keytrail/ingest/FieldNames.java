package io.keytrail.ingest;

import java.util.Locale;

/** Canonical column names and the aliases readers accept for them. */
public final class FieldNames {
    private FieldNames() {}

    /** Maps an input column name to the canonical field, or null when the column is not one we read. */
    public static String canonical(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "timestamp": return "timestamp";
            case "api_key_id": return "api_key_id";
            case "api_key_prefix": return "api_key_prefix";
            case "api_key_fingerprint": return "api_key_fingerprint";
            case "model": return "model";
            case "input_tokens": return "input_tokens";
            case "output_tokens": return "output_tokens";
            case "endpoint": return "endpoint";
            case "source_ip": return "source_ip";
            case "user_agent": return "user_agent";
            case "status_code": return "status_code";
            case "cost_usd": return "cost_usd";
            case "provider": return "provider";
            case "request_count": return "request_count";
            case "error_code": return "error_code";
            case "bucket_seconds": return "bucket_seconds";
            default: return null;
        }
    }

    /** Stores a value under its canonical field; api_key_prefix (the seed's name) fills api_key_id only if absent. */
    public static void set(RawFields f, String canonical, Object v) {
        switch (canonical) {
            case "timestamp": f.timestamp = v; break;
            case "api_key_id": f.apiKeyId = v; break;
            case "api_key_prefix": if (f.apiKeyId == null) f.apiKeyId = v; break;
            case "api_key_fingerprint": f.apiKeyFingerprint = v; break;
            case "model": f.model = v; break;
            case "input_tokens": f.inputTokens = v; break;
            case "output_tokens": f.outputTokens = v; break;
            case "endpoint": f.endpoint = v; break;
            case "source_ip": f.sourceIp = v; break;
            case "user_agent": f.userAgent = v; break;
            case "status_code": f.statusCode = v; break;
            case "cost_usd": f.costUsd = v; break;
            case "provider": f.provider = v; break;
            case "request_count": f.requestCount = v; break;
            case "error_code": f.errorCode = v; break;
            case "bucket_seconds": f.bucketSeconds = v; break;
            default: break;
        }
    }
}
