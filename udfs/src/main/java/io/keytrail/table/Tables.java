package io.keytrail.table;

import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.KeyEvent;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;

import java.util.List;

import static io.keytrail.table.ColumnType.DOUBLE;
import static io.keytrail.table.ColumnType.INT32;
import static io.keytrail.table.ColumnType.INT64;
import static io.keytrail.table.ColumnType.INT_LIST;
import static io.keytrail.table.ColumnType.STRING;
import static io.keytrail.table.ColumnType.STRING_LIST;
import static io.keytrail.table.ColumnType.TIMESTAMP;

/** Every output table's schema, in one place: the writers, the README and the tests read them here. */
public final class Tables {
    private Tables() {}

    public static final TableSchema<Alert> ALERTS = TableSchema.<Alert>builder("alerts",
                    "One row per alert revision; the row with the highest revision per alert_id is the alert.")
            .required("alert_id", STRING, a -> a.alertId, "hex SHA-256 of profile|api_key_id|day|alert_type|subject")
            .required("revision", INT32, a -> a.revision, "0 for the first emission; +1 each time the alert's severity rises")
            .required("api_key_id", STRING, a -> a.apiKeyId, "key identity (a full secret is masked: prefix...last4)")
            .optional("api_key_fingerprint", STRING, a -> a.apiKeyFingerprint, "SHA-256 hex of the full secret, when the input held one")
            .optional("provider", STRING, a -> a.provider, "openai, anthropic, google, azure, aws, ... when known")
            .required("alert_type", STRING, a -> a.alertType, "volume_spike, cost_spike, unknown_model, unknown_source_ip, off_hours_usage")
            .required("subject", STRING, a -> a.subject, "the model or IP the alert is about, or empty")
            .required("severity", STRING, a -> a.severity, "low, medium, high or critical")
            .required("day", STRING, a -> a.day, "yyyy-MM-dd, in the profile's day zone")
            .required("timestamp", TIMESTAMP, a -> a.tsMicros, "the seed's timestamp: first record of the key's day, or the first unknown-model record")
            .required("detected_at", TIMESTAMP, a -> a.detectedAtMicros, "event time at which the condition became true (the tripping record, or the day's end for off-hours)")
            .required("description", STRING, a -> a.description, "the seed's human-readable description")
            .required("evidence", STRING, a -> a.evidence, "JSON object with the figures behind the alert")
            .required("profile", STRING, a -> a.profile, "detection profile name")
            .optional("baseline_version", STRING, a -> a.baselineVersion, "version of the baseline the check used")
            .build();

    public static final TableSchema<Baseline> BASELINES = TableSchema.<Baseline>builder("baselines",
                    "One row per key: its usage baseline from the history.")
            .required("api_key_id", STRING, b -> b.apiKeyId, "key identity (masked when a full secret)")
            .optional("api_key_fingerprint", STRING, b -> b.apiKeyFingerprint, "SHA-256 hex of the full secret, when known")
            .optional("provider", STRING, b -> b.provider, "provider, when known")
            .required("avg_daily_requests", DOUBLE, b -> b.avgDailyRequests, "mean requests per day over the days with records")
            .required("max_daily_requests", DOUBLE, b -> b.maxDailyRequests, "largest day")
            .required("std_daily_requests", DOUBLE, b -> b.stdDailyRequests, "sample standard deviation of daily requests (0 under two days)")
            .required("avg_daily_cost", DOUBLE, b -> b.avgDailyCost, "mean cost per day, USD")
            .required("max_daily_cost", DOUBLE, b -> b.maxDailyCost, "largest daily cost, USD")
            .required("known_models", STRING_LIST, b -> b.knownModels, "models seen in the history, sorted")
            .required("known_ips", STRING_LIST, b -> b.knownIps, "source IPs seen in the history, sorted")
            .required("active_hours", INT_LIST, b -> b.activeHours, "hours of day (0-23) holding more than 1% of the key's records")
            .required("window_start", TIMESTAMP, b -> b.windowStartMicros, "earliest history record")
            .required("window_end", TIMESTAMP, b -> b.windowEndMicros, "latest history record")
            .required("days_observed", INT32, b -> b.daysObserved, "days with at least one record")
            .required("records", INT64, b -> b.records, "history rows")
            .required("requests", INT64, b -> b.requests, "sum of request_count")
            .required("profile", STRING, b -> b.profile, "profile the baseline was computed under")
            .required("baseline_version", STRING, b -> b.baselineVersion, "identifies the history and profile it was built from")
            .build();

    public static final TableSchema<Reject> REJECTS = TableSchema.<Reject>builder("rejects",
                    "Every input row or file that could not be used, with why.")
            .required("input", STRING, r -> r.input, "which input: history, archive, stream; ingest, costs, invocations for ingest")
            .required("source", STRING, r -> r.source, "file path (or topic)")
            .required("location", STRING, r -> r.location, "'line N', 'row N', 'file', or 'partition P offset O'")
            .required("reason", STRING, r -> r.reason, "why it was rejected")
            .optional("raw", STRING, r -> r.raw, "the raw content, secrets masked, clipped to 4 KB")
            .build();

    public static final TableSchema<UsageRecord> USAGE = TableSchema.<UsageRecord>builder("usage",
                    "Canonical usage records (what generate and ingest write, and sweep reads).")
            .required("timestamp", TIMESTAMP, r -> r.tsMicros, "event time, UTC")
            .required("api_key_id", STRING, r -> r.apiKeyId, "key identity (masked when a full secret)")
            .optional("api_key_fingerprint", STRING, r -> r.apiKeyFingerprint, "SHA-256 hex of the full secret, when known")
            .required("model", STRING, r -> r.model, "model name")
            .required("input_tokens", INT64, r -> r.inputTokens, "input tokens")
            .required("output_tokens", INT64, r -> r.outputTokens, "output tokens")
            .required("endpoint", STRING, r -> r.endpoint, "API path, '' when unknown")
            .optional("source_ip", STRING, r -> r.sourceIp, "caller IP, when the source has it")
            .optional("user_agent", STRING, r -> r.userAgent, "caller user agent, when the source has it")
            .optional("status_code", INT32, r -> r.statusCode == UsageRecord.NO_STATUS ? null : r.statusCode, "HTTP status")
            .optional("cost_usd", DOUBLE, r -> r.hasCost() ? r.costUsd : null, "cost in USD, when the source has it")
            .optional("provider", STRING, r -> r.provider, "provider")
            .required("request_count", INT64, r -> r.requestCount, "requests this row stands for (1 for per-request logs)")
            .optional("error_code", STRING, r -> r.errorCode, "provider error code (CloudTrail errorCode, gRPC status name, ...), when the call failed")
            .optional("bucket_seconds", INT64, r -> r.bucketSeconds == 0 ? null : r.bucketSeconds, "width of the usage bucket the row aggregates, seconds; null for per-request rows")
            .build();

    public static final TableSchema<KeyEvent> KEY_EVENTS = TableSchema.<KeyEvent>builder("key_events",
                    "Key lifecycle and access-control events from provider audit logs (what ingest --format openai-audit writes).")
            .required("event_id", STRING, e -> e.eventId, "the provider's event id")
            .required("event_type", STRING, e -> e.eventType, "api_key.created, api_key.updated, api_key.deleted, ip_allowlist.*, ...")
            .optional("api_key_id", STRING, e -> e.apiKeyId, "the key the event is about (masked when a full secret); null for events about no key")
            .required("timestamp", TIMESTAMP, e -> e.tsMicros, "when the event took effect, UTC")
            .optional("actor", STRING, e -> e.actor, "who did it: user email or id, or api_key:ID")
            .optional("actor_ip", STRING, e -> e.actorIp, "the actor's IP (sessions only)")
            .required("scopes", STRING_LIST, e -> e.scopes, "scopes the key was created or updated with; empty when none")
            .required("details", STRING, e -> e.details, "the event's type-specific payload and project, JSON, secrets masked")
            .optional("provider", STRING, e -> e.provider, "provider")
            .build();

    public static final List<TableSchema<?>> ALL = List.of(BASELINES, ALERTS, REJECTS, USAGE, KEY_EVENTS);
}
