package io.keytrail.ingest;

import io.keytrail.model.UsageRecord;
import io.keytrail.secrets.KeyMasker;
import io.keytrail.secrets.MaskedKey;
import io.keytrail.time.IsoTimestamp;

import java.io.Serializable;

/**
 * Validates one row's raw fields into a canonical {@link UsageRecord}, masking any full secret on the
 * way. Shared by every reader, so a row means the same thing whatever format it came in.
 */
public final class UsageNormalizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Epoch-millis integers outside years 1..9999 cannot be a usage timestamp. */
    private static final long MIN_MILLIS = -62135596800000L;
    private static final long MAX_MILLIS = 253402300799999L;

    /** Distinct values remembered per field kind before the memo starts over (more than 100,000 keys). */
    static final int MEMO_LIMIT = 1 << 17;

    private final KeyMasker masker;
    /** Masking is a pure function of the value, and key ids, models, endpoints, IPs and agents repeat. */
    private transient java.util.concurrent.ConcurrentHashMap<String, MaskedKey> keyIds;
    private transient java.util.concurrent.ConcurrentHashMap<String, String> texts;
    private transient SameInstanceCache<MaskedKey> recentKeyIds;
    private transient SameInstanceCache<String> recentTexts;

    public UsageNormalizer(KeyMasker masker) {
        this.masker = masker;
    }

    public KeyMasker masker() {
        return masker;
    }

    public UsageRecord normalize(RawFields f, long seq) throws InvalidRecordException {
        UsageRecord r = new UsageRecord();
        r.seq = seq;
        if (f.isTyped(RawFields.TYPED_TIMESTAMP)) r.tsMicros = f.timestampMicros; // a TsValue at offset 0
        else setTimestamp(r, f.timestamp);
        String key = requiredString(f.apiKeyId, "api_key_id");
        if (key.isBlank()) throw new InvalidRecordException("api_key_id is empty");
        MaskedKey mk = maskKeyId(key);
        r.apiKeyId = mk.display();
        String fp = optionalString(f.apiKeyFingerprint, "api_key_fingerprint");
        r.apiKeyFingerprint = mk.fingerprint() != null ? mk.fingerprint() : (fp == null || fp.isEmpty() ? null : fp);
        r.model = maskRepeated(requiredString(f.model, "model"));
        r.inputTokens = f.isTyped(RawFields.TYPED_INPUT_TOKENS) ? atLeast(f.inputTokensValue, "input_tokens", 0)
                : count(f.inputTokens, "input_tokens", true, 0);
        r.outputTokens = f.isTyped(RawFields.TYPED_OUTPUT_TOKENS) ? atLeast(f.outputTokensValue, "output_tokens", 0)
                : count(f.outputTokens, "output_tokens", true, 0);
        String ep = optionalString(f.endpoint, "endpoint");
        r.endpoint = ep == null ? "" : maskRepeated(ep);
        r.sourceIp = maskOpt(optionalString(f.sourceIp, "source_ip"));
        r.userAgent = maskOpt(optionalString(f.userAgent, "user_agent"));
        boolean typedStatus = f.isTyped(RawFields.TYPED_STATUS_CODE);
        if (typedStatus || f.statusCode != null) {
            long s = typedStatus ? atLeast(f.statusCodeValue, "status_code", 0) : count(f.statusCode, "status_code", false, 0);
            if (s > 999) throw new InvalidRecordException("status_code " + s + " is not an HTTP status");
            r.statusCode = (int) s;
        }
        if (f.isTyped(RawFields.TYPED_COST_USD)) r.costUsd = checkedCost(f.costUsdValue);
        else if (f.costUsd != null) r.costUsd = cost(f.costUsd);
        String provider = optionalString(f.provider, "provider");
        r.provider = provider != null && !provider.isEmpty() ? provider : mk.provider();
        r.requestCount = f.isTyped(RawFields.TYPED_REQUEST_COUNT) ? atLeast(f.requestCountValue, "request_count", 1)
                : f.requestCount == null ? 1 : count(f.requestCount, "request_count", false, 1);
        String err = optionalString(f.errorCode, "error_code");
        r.errorCode = err == null || err.isEmpty() ? null : masker.maskText(err);
        r.bucketSeconds = f.isTyped(RawFields.TYPED_BUCKET_SECONDS) ? atLeast(f.bucketSecondsValue, "bucket_seconds", 0)
                : count(f.bucketSeconds, "bucket_seconds", false, 0);
        r.requestId = f.requestId == null || f.requestId.isEmpty() ? null : masker.maskText(f.requestId);
        return r;
    }

    private MaskedKey maskKeyId(String key) {
        if (recentKeyIds == null) recentKeyIds = new SameInstanceCache<>();
        MaskedKey mk = recentKeyIds.get(key);
        if (mk != null) return mk;
        if (keyIds == null) keyIds = new java.util.concurrent.ConcurrentHashMap<>();
        mk = keyIds.get(key);
        if (mk == null) {
            mk = masker.maskKeyId(key);
            if (keyIds.size() >= MEMO_LIMIT) keyIds.clear();
            keyIds.put(key, mk);
        }
        recentKeyIds.put(key, mk);
        return mk;
    }

    /** {@link KeyMasker#maskText} for values that repeat across rows (not request ids). */
    private String maskRepeated(String s) {
        if (recentTexts == null) recentTexts = new SameInstanceCache<>();
        String m = recentTexts.get(s);
        if (m != null) return m;
        if (texts == null) texts = new java.util.concurrent.ConcurrentHashMap<>();
        m = texts.get(s);
        if (m == null) {
            m = masker.maskText(s);
            if (texts.size() >= MEMO_LIMIT) texts.clear();
            texts.put(s, m);
        }
        recentTexts.put(s, m);
        return m;
    }

    private String maskOpt(String s) {
        return s == null ? null : maskRepeated(s);
    }

    private void setTimestamp(UsageRecord r, Object v) throws InvalidRecordException {
        if (v == null) throw new InvalidRecordException("timestamp is missing");
        if (v instanceof TsValue t) {
            r.tsMicros = t.epochMicros();
            r.offsetSeconds = t.offsetSeconds();
        } else if (v instanceof String s) {
            IsoTimestamp.Parsed p = IsoTimestamp.parse(s);
            if (p == null) // Masked before clipping: a clipped key no longer matches its rule and would pass unmasked.
                throw new InvalidRecordException("timestamp '" + clip(masker.maskText(s)) + "' is not ISO-8601 (Python fromisoformat)");
            r.tsMicros = p.epochMicros();
            r.offsetSeconds = p.offsetSeconds();
        } else if (v instanceof Long l) {
            if (l < MIN_MILLIS || l > MAX_MILLIS) throw new InvalidRecordException("timestamp " + l + " is out of range as epoch milliseconds");
            r.tsMicros = l * 1000L;
        } else {
            throw new InvalidRecordException("timestamp has type " + typeName(v) + "; expected an ISO-8601 string, epoch milliseconds or a TIMESTAMP");
        }
    }

    private static String requiredString(Object v, String field) throws InvalidRecordException {
        if (v == null) throw new InvalidRecordException(field + " is missing");
        if (v instanceof String s) return s;
        throw new InvalidRecordException(field + " has type " + typeName(v) + "; expected a string");
    }

    private static String optionalString(Object v, String field) throws InvalidRecordException {
        if (v == null) return null;
        if (v instanceof String s) return s;
        throw new InvalidRecordException(field + " has type " + typeName(v) + "; expected a string");
    }

    private static long count(Object v, String field, boolean required, long min) throws InvalidRecordException {
        if (v == null) {
            if (required) throw new InvalidRecordException(field + " is missing");
            return min;
        }
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
                throw new InvalidRecordException(field + " " + d + " is not a whole number");
            }
            n = d.longValue();
        } else {
            throw new InvalidRecordException(field + " has type " + typeName(v) + "; expected an integer");
        }
        return atLeast(n, field, min);
    }

    private static long atLeast(long n, String field, long min) throws InvalidRecordException {
        if (n < min) throw new InvalidRecordException(field + " " + n + " is below " + min);
        return n;
    }

    private static double cost(Object v) throws InvalidRecordException {
        double d;
        if (v instanceof Double x) d = x;
        else if (v instanceof Long l) d = l;
        else throw new InvalidRecordException("cost_usd has type " + typeName(v) + "; expected a number");
        return checkedCost(d);
    }

    private static double checkedCost(double d) throws InvalidRecordException {
        if (Double.isNaN(d) || Double.isInfinite(d)) throw new InvalidRecordException("cost_usd " + d + " is not finite");
        if (d < 0) throw new InvalidRecordException("cost_usd " + d + " is negative");
        return d;
    }

    private static String typeName(Object v) {
        if (v instanceof String) return "string";
        if (v instanceof Long) return "integer";
        if (v instanceof Double) return "number";
        if (v instanceof Boolean) return "boolean";
        return v.getClass().getSimpleName();
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    /** How many of the record's values held a full secret that the normalizer masked. */
    public static int maskedValues(RawFields f, UsageRecord r) {
        int n = 0;
        if (r.apiKeyFingerprint != null && !java.util.Objects.equals(f.apiKeyId, r.apiKeyId)) n++;
        if (changed(f.model, r.model)) n++;
        if (changed(f.endpoint, r.endpoint)) n++;
        if (changed(f.sourceIp, r.sourceIp)) n++;
        if (changed(f.userAgent, r.userAgent)) n++;
        if (changed(f.errorCode, r.errorCode)) n++;
        return n;
    }

    private static boolean changed(Object raw, String stored) {
        return raw instanceof String s && !s.isEmpty() && !s.equals(stored);
    }
}
