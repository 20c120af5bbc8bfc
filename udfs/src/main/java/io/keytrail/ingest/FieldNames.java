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

    // Slots: the numbers slot() hands out and set(RawFields, int, Object) stores by.
    private static final int TIMESTAMP = 0;
    private static final int API_KEY_ID = 1;
    private static final int API_KEY_PREFIX = 2;
    private static final int API_KEY_FINGERPRINT = 3;
    private static final int MODEL = 4;
    private static final int INPUT_TOKENS = 5;
    private static final int OUTPUT_TOKENS = 6;
    private static final int ENDPOINT = 7;
    private static final int SOURCE_IP = 8;
    private static final int USER_AGENT = 9;
    private static final int STATUS_CODE = 10;
    private static final int COST_USD = 11;
    private static final int PROVIDER = 12;
    private static final int REQUEST_COUNT = 13;
    private static final int ERROR_CODE = 14;
    private static final int BUCKET_SECONDS = 15;

    /** Stores a value under its canonical field; api_key_prefix (the seed's name) fills api_key_id only if absent. */
    public static void set(RawFields f, String canonical, Object v) {
        set(f, slot(canonical), v);
    }

    /** A canonical field's number for {@link #set(RawFields, int, Object)} (a reader looks it up once per column); -1 for none. */
    public static int slot(String canonical) {
        switch (canonical) {
            case "timestamp": return TIMESTAMP;
            case "api_key_id": return API_KEY_ID;
            case "api_key_prefix": return API_KEY_PREFIX;
            case "api_key_fingerprint": return API_KEY_FINGERPRINT;
            case "model": return MODEL;
            case "input_tokens": return INPUT_TOKENS;
            case "output_tokens": return OUTPUT_TOKENS;
            case "endpoint": return ENDPOINT;
            case "source_ip": return SOURCE_IP;
            case "user_agent": return USER_AGENT;
            case "status_code": return STATUS_CODE;
            case "cost_usd": return COST_USD;
            case "provider": return PROVIDER;
            case "request_count": return REQUEST_COUNT;
            case "error_code": return ERROR_CODE;
            case "bucket_seconds": return BUCKET_SECONDS;
            default: return -1;
        }
    }

    /** As {@link #set(RawFields, String, Object)} by the field's {@link #slot}. */
    public static void set(RawFields f, int slot, Object v) {
        switch (slot) {
            case TIMESTAMP: f.timestamp = v; break;
            case API_KEY_ID: f.apiKeyId = v; break;
            case API_KEY_PREFIX: if (f.apiKeyId == null) f.apiKeyId = v; break;
            case API_KEY_FINGERPRINT: f.apiKeyFingerprint = v; break;
            case MODEL: f.model = v; break;
            case INPUT_TOKENS: f.inputTokens = v; break;
            case OUTPUT_TOKENS: f.outputTokens = v; break;
            case ENDPOINT: f.endpoint = v; break;
            case SOURCE_IP: f.sourceIp = v; break;
            case USER_AGENT: f.userAgent = v; break;
            case STATUS_CODE: f.statusCode = v; break;
            case COST_USD: f.costUsd = v; break;
            case PROVIDER: f.provider = v; break;
            case REQUEST_COUNT: f.requestCount = v; break;
            case ERROR_CODE: f.errorCode = v; break;
            case BUCKET_SECONDS: f.bucketSeconds = v; break;
            default: break;
        }
    }
}
