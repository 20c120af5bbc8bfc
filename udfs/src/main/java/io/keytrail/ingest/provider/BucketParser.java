package io.keytrail.ingest.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.keytrail.ingest.UsageNormalizer;

/**
 * The admin-API report shape shared by OpenAI and Anthropic usage and cost exports: a page
 * {@code {"data":[bucket…]}} (or one bucket per message), each bucket with a start, an end and
 * {@code results[]}. Subclasses turn one result into a record.
 */
abstract class BucketParser extends ProviderParser {
    private static final long serialVersionUID = 1L;

    /** A bucket's start (a timestamp value for RawFields) and width in seconds (null if unknown). */
    record Bucket(Object start, Long seconds) {}

    private final boolean unixSeconds;

    /** @param unixSeconds OpenAI's start_time/end_time (unix seconds), else Anthropic's starting_at/ending_at (RFC 3339) */
    BucketParser(UsageNormalizer normalizer, boolean unixSeconds) {
        super(normalizer);
        this.unixSeconds = unixSeconds;
    }

    protected abstract void result(JsonNode r, String where, Bucket bucket, Emitter e);

    /**
     * A result of a report grouped by key and model, with its bucket, key and model filled in; null
     * (after a reject naming the missing grouping) when the key or model is null.
     */
    protected final io.keytrail.ingest.RawFields groupedByKeyAndModel(JsonNode r, String where, Bucket bucket, Emitter e) {
        for (String field : new String[] {"api_key_id", "model"}) {
            if (text(r, field) == null) {
                e.reject(where, field + " is null: group the " + format() + " query by api_key_id and model", r);
                return null;
            }
        }
        io.keytrail.ingest.RawFields f = new io.keytrail.ingest.RawFields();
        f.timestamp = bucket.start();
        f.bucketSeconds = bucket.seconds();
        f.apiKeyId = text(r, "api_key_id");
        f.model = text(r, "model");
        return f;
    }

    @Override
    protected final void records(JsonNode doc, String path, Emitter e) {
        if (!doc.has("data") && !doc.has("results")) {
            e.reject(path, "not a " + format() + " page or bucket (no data[] or results[])", doc);
            return;
        }
        forEach(doc, "data", path, e, (b, where) -> bucket(b, where, e));
    }

    private void bucket(JsonNode b, String path, Emitter e) {
        String startField = unixSeconds ? "start_time" : "starting_at";
        JsonNode start = b.get(startField);
        JsonNode end = b.get(unixSeconds ? "end_time" : "ending_at");
        Bucket bucket;
        if (unixSeconds && start != null && start.isIntegralNumber()) {
            bucket = new Bucket(epochSeconds(start.longValue()),
                    end != null && end.isIntegralNumber() ? end.longValue() - start.longValue() : null);
        } else if (!unixSeconds && start != null && start.isTextual()) {
            bucket = new Bucket(start.asText(), end == null ? null : secondsBetween(start.asText(), end.asText()));
        } else {
            e.reject(path, "bucket " + startField + " is missing or not " + (unixSeconds ? "unix seconds" : "a timestamp"), b);
            return;
        }
        JsonNode results = b.get("results");
        if (results == null || !results.isArray()) {
            e.reject(path, "bucket has no results[]", b);
            return;
        }
        for (int i = 0; i < results.size(); i++) result(results.get(i), child(path, "results", i), bucket, e);
    }
}
