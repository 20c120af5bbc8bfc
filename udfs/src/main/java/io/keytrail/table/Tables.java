package io.keytrail.table;

import io.keytrail.leaks.Leak;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.Reject;
import io.keytrail.model.UsageRecord;

import java.util.List;

import static io.keytrail.table.ColumnType.BOOLEAN;
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
            .required("input", STRING, r -> r.input, "which input: history, archive, stream")
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
            .build();

    public static final TableSchema<Leak> LEAKS = TableSchema.<Leak>builder("leaks",
                    "One row per place a full API key was exposed (leakscan): a commit that added it, a file, a log line, a bundle entry or a GitHub alert. Never the key itself.")
            .optional("fingerprint", STRING, l -> l.fingerprint, "SHA-256 hex of the full secret (the sweep's api_key_fingerprint); null for a GitHub alert whose secret was redacted")
            .optional("provider", STRING, l -> l.provider, "openai, anthropic, google, azure, aws, ... when known")
            .required("rule", STRING, l -> l.rule, "id of the rule in conf/secret-rules.json that matched, or github: + the alert's secret_type")
            .optional("redacted", STRING, l -> l.redacted, "masked display: provider prefix + '...' + last 4 (sk-proj-...x9Qa)")
            .required("source_kind", STRING, l -> l.sourceKind, "git, dir, log, bundle or github-alert")
            .optional("repo", STRING, l -> l.repo, "repository path (git) or owner/name (GitHub alert)")
            .optional("commit", STRING, l -> l.commit, "commit that added the key (git), or the alert's commit")
            .optional("author_name", STRING, l -> l.authorName, "commit author")
            .optional("author_email", STRING, l -> l.authorEmail, "commit author's email")
            .optional("author_time", TIMESTAMP, l -> l.authorTimeMicros, "commit author date")
            .optional("commit_time", TIMESTAMP, l -> l.commitTimeMicros, "commit committer date")
            .optional("path", STRING, l -> l.path, "file path (in the repository, or on disk; outer!/inner for bundle entries)")
            .optional("line", INT32, l -> l.line, "1-based line of the key")
            .required("refs", STRING_LIST, l -> l.refs, "refs (branches, tags, remotes, stash, HEAD) that reach the commit, sorted")
            .required("first_exposure", BOOLEAN, l -> l.firstExposure, "true on exactly one row per fingerprint: the earliest exposed_at, ties by commit order")
            .optional("still_present", BOOLEAN, l -> l.stillPresent, "git: the key is in the tip of some ref; null for other sources")
            .optional("removed_in", STRING, l -> l.removedIn, "git: the commit that deleted the key after this occurrence, when it is gone")
            .optional("removed_at", TIMESTAMP, l -> l.removedAtMicros, "commit time of removed_in")
            .optional("exposed_at", TIMESTAMP, l -> l.exposedAtMicros, "when the key became readable by others")
            .optional("time_source", STRING, l -> l.timeSource, "what exposed_at is: commit_time, log_timestamp, alert_created_at or file_mtime")
            .build();

    public static final List<TableSchema<?>> ALL = List.of(BASELINES, ALERTS, REJECTS, USAGE, LEAKS);
}
