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
        set(f, slot(canonical), v);
    }

    /** A canonical field's number for {@link #set(RawFields, int, Object)} (a reader looks it up once per column); -1 for none. */
    public static int slot(String canonical) {
        switch (canonical) {
            case "timestamp": return 0;
            case "api_key_id": return 1;
            case "api_key_prefix": return 2;
            case "api_key_fingerprint": return 3;
            case "model": return 4;
            case "input_tokens": return 5;
            case "output_tokens": return 6;
            case "endpoint": return 7;
            case "source_ip": return 8;
            case "user_agent": return 9;
            case "status_code": return 10;
            case "cost_usd": return 11;
            case "provider": return 12;
            case "request_count": return 13;
            case "error_code": return 14;
            case "bucket_seconds": return 15;
            default: return -1;
        }
    }

    /** As {@link #set(RawFields, String, Object)} by the field's {@link #slot}. */
    public static void set(RawFields f, int slot, Object v) {
        switch (slot) {
            case 0: f.timestamp = v; break;
            case 1: f.apiKeyId = v; break;
            case 2: if (f.apiKeyId == null) f.apiKeyId = v; break;
            case 3: f.apiKeyFingerprint = v; break;
            case 4: f.model = v; break;
            case 5: f.inputTokens = v; break;
            case 6: f.outputTokens = v; break;
            case 7: f.endpoint = v; break;
            case 8: f.sourceIp = v; break;
            case 9: f.userAgent = v; break;
            case 10: f.statusCode = v; break;
            case 11: f.costUsd = v; break;
            case 12: f.provider = v; break;
            case 13: f.requestCount = v; break;
            case 14: f.errorCode = v; break;
            case 15: f.bucketSeconds = v; break;
            default: break;
        }
    }
}
