package io.keytrail.table;

import io.keytrail.leaks.Leak;
import io.keytrail.model.Alert;
import io.keytrail.model.Baseline;
import io.keytrail.model.HourlyUsage;
import io.keytrail.model.Incident;
import io.keytrail.model.Ioc;
import io.keytrail.model.KeyEvent;
import io.keytrail.model.ScopeAssessment;
import io.keytrail.model.TimelineEntry;
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
            .required("alert_type", STRING, a -> a.alertType, "volume_spike, cost_spike, unknown_model, unknown_source_ip, off_hours_usage; in default also compromise_score and spend_tier")
            .required("subject", STRING, a -> a.subject, "the model or IP the alert is about (compromise_score: the actor's IP, or no-ip), or empty")
            .required("severity", STRING, a -> a.severity, "low, medium, high or critical")
            .required("day", STRING, a -> a.day, "yyyy-MM-dd, in the profile's day zone")
            .required("timestamp", TIMESTAMP, a -> a.tsMicros, "the seed's timestamp: first record of the key's day, or the first unknown-model record; compromise_score: the actor's first record")
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
            .required("avg_daily_requests", DOUBLE, b -> b.avgDailyRequests, "mean requests per day over the days with records (with baseline.count_zero_days, as in default: every day from the key's first to its last history day)")
            .required("max_daily_requests", DOUBLE, b -> b.maxDailyRequests, "largest day")
            .required("std_daily_requests", DOUBLE, b -> b.stdDailyRequests, "sample standard deviation of daily requests over the same days (0 under two days)")
            .required("avg_daily_cost", DOUBLE, b -> b.avgDailyCost, "mean cost per day over the same days, USD")
            .required("max_daily_cost", DOUBLE, b -> b.maxDailyCost, "largest daily cost, USD")
            .required("known_models", STRING_LIST, b -> b.knownModels, "models seen in the history, sorted")
            .required("known_ips", STRING_LIST, b -> b.knownIps, "source IPs seen in the history, sorted")
            .required("known_endpoints", STRING_LIST, b -> b.knownEndpoints, "distinct endpoints seen in the history (at most 200), sorted")
            .required("active_hours", INT_LIST, b -> b.activeHours, "hours of day (0-23) holding more than 1% of the key's records")
            .required("known_user_agents", STRING_LIST, b -> b.knownUserAgents, "distinct user agents seen in the history (at most 100), sorted")
            .required("p99_request_tokens", DOUBLE, b -> b.p99RequestTokens, "99th percentile of input + output tokens per request (log-scale histogram, upper bucket edge; 0 when no history)")
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

    private static Long ts(long micros) {
        return micros == Incident.NONE ? null : micros;
    }

    public static final TableSchema<TimelineEntry> TIMELINES = TableSchema.<TimelineEntry>builder("timelines",
                    "Attacker timelines: the records of a key under investigation at or after its compromise start that do not come from a legitimate IP, in time order, each classified into a phase (the seed's reconstruct_timeline).")
            .required("incident_id", STRING, e -> e.incidentId, "the incident the action belongs to")
            .required("api_key_id", STRING, e -> e.apiKeyId, "key identity (masked when a full secret)")
            .required("timestamp", TIMESTAMP, e -> e.tsMicros, "when the request happened")
            .required("seq", INT64, e -> e.seq, "0-based order within the incident")
            .required("phase", STRING, e -> e.phase, "reconnaissance, capability_testing, exploitation, persistence, exfiltration (default profile also: defense_evasion)")
            .required("action", STRING, e -> e.action, "the seed's description of the action")
            .required("model", STRING, e -> e.model, "model")
            .required("endpoint", STRING, e -> e.endpoint, "endpoint or operation")
            .required("input_tokens", INT64, e -> e.inputTokens, "input tokens")
            .required("output_tokens", INT64, e -> e.outputTokens, "output tokens")
            .optional("source_ip", STRING, e -> e.sourceIp, "caller IP")
            .optional("user_agent", STRING, e -> e.userAgent, "caller user agent")
            .optional("status_code", INT32, e -> e.statusCode == UsageRecord.NO_STATUS ? null : e.statusCode, "HTTP status")
            .required("cost_usd", DOUBLE, e -> e.costUsd, "cost of the request under the profile")
            .required("confidence", DOUBLE, e -> e.confidence, "confidence that the action is the attacker's (the seed: 0.7)")
            .required("profile", STRING, e -> e.profile, "detection profile name")
            // The action text carries the request's tokens and cost: about 70 % of a sweep's rows are distinct.
            .nearUnique("action", "cost_usd")
            .build();

    public static final TableSchema<Incident> INCIDENTS = TableSchema.<Incident>builder("incidents",
                    "One row per incident revision (one incident per key under investigation); the highest revision per incident_id is the incident.")
            .required("incident_id", STRING, i -> i.incidentId, "hex SHA-256 of incident|profile|api_key_id: stable for the same input")
            .required("revision", INT32, i -> i.revision, "0 when opened; +1 on each change")
            .required("api_key_id", STRING, i -> i.apiKeyId, "key identity (masked when a full secret)")
            .optional("api_key_fingerprint", STRING, i -> i.apiKeyFingerprint, "SHA-256 hex of the full secret, when known")
            .required("provider", STRING, i -> i.provider, "provider, or unknown")
            .required("severity", STRING, i -> i.severity, "highest alert severity so far (low when opened by a given start without alerts)")
            .optional("compromise_start", TIMESTAMP, i -> ts(i.compromiseStartMicros), "start of the compromise window")
            .optional("compromise_start_source", STRING, i -> i.compromiseStartSource, "analyst, leak or estimate")
            .optional("exposure_at", TIMESTAMP, i -> ts(i.exposureAtMicros), "first exposure found by the leak scan, when known")
            .optional("detected_at", TIMESTAMP, i -> ts(i.detectedAtMicros), "event time at which the incident first reached its reported severity")
            .optional("dwell_time_seconds", INT64, i -> i.dwellTimeSeconds == Incident.NONE ? null : i.dwellTimeSeconds, "from exposure (else compromise start) to detection")
            .optional("contained_at", TIMESTAMP, i -> ts(i.containedAtMicros), "last attacker activity after which the key went quiet (24 h) or was refused (401/403)")
            .optional("last_activity_at", TIMESTAMP, i -> ts(i.lastActivityMicros), "last attacker request that was not refused")
            .required("alert_types", STRING_LIST, i -> i.alertTypes, "alert types seen on the key")
            .required("attacker_ips", STRING_LIST, i -> i.attackerIps, "source IPs of the timeline (at most 1,000)")
            .required("attacker_user_agents", STRING_LIST, i -> i.attackerUserAgents, "user agents of the timeline (at most 100)")
            .required("attacker_requests", INT64, i -> i.attackerRequests, "requests in the timeline")
            .required("attacker_tokens", INT64, i -> i.attackerTokens, "input + output tokens in the timeline")
            .required("attacker_cost_usd", DOUBLE, i -> i.attackerCostUsd, "cost of the timeline")
            .required("data_exposure_risk", STRING, i -> i.dataExposureRisk, "from the scope assessment")
            .required("financial_exposure", STRING, i -> i.financialExposure, "from the scope assessment")
            .required("profile", STRING, i -> i.profile, "detection profile name")
            .build();

    public static final TableSchema<ScopeAssessment> SCOPE = TableSchema.<ScopeAssessment>builder("scope",
                    "Scope assessment revisions per incident (the seed's assess_openai_key_scope, for every provider); the highest revision per incident_id is current.")
            .required("incident_id", STRING, s -> s.incidentId, "the incident")
            .required("revision", INT32, s -> s.revision, "0 first; +1 when the assessment changes")
            .required("api_key_id", STRING, s -> s.apiKeyId, "key identity")
            .required("provider", STRING, s -> s.provider, "provider, or unknown")
            .required("permissions", STRING_LIST, s -> s.permissions, "model_access and capabilities seen in use (fine_tuning, file_upload, assistants_api, ...)")
            .required("connected_services", STRING_LIST, s -> s.connectedServices, "services reachable through the key")
            .required("data_exposure_risk", STRING, s -> s.dataExposureRisk, "low, medium, high or critical")
            .required("financial_exposure", STRING, s -> s.financialExposure, "low, medium, high or critical")
            .required("findings", STRING_LIST, s -> s.findings, "the assessment's findings, most severe first")
            .required("profile", STRING, s -> s.profile, "detection profile name")
            .build();

    public static final TableSchema<Ioc> IOCS = TableSchema.<Ioc>builder("iocs",
                    "Indicators of compromise: each attacker IP, user agent and model new to the key, once per incident.")
            .required("ioc_id", STRING, i -> i.iocId, "hex SHA-256 of ioc|incident_id|type|value")
            .required("incident_id", STRING, i -> i.incidentId, "the incident")
            .required("api_key_id", STRING, i -> i.apiKeyId, "key identity")
            .required("type", STRING, i -> i.type, "ipv4-addr, ipv6-addr, user-agent or model")
            .required("value", STRING, i -> i.value, "the indicator")
            .required("first_seen", TIMESTAMP, i -> i.firstSeenMicros, "first attacker request that showed it")
            .required("profile", STRING, i -> i.profile, "detection profile name")
            .build();

    public static final TableSchema<HourlyUsage> USAGE_HOURLY = TableSchema.<HourlyUsage>builder("usage_hourly",
                    "Each key's archive usage per UTC hour, with the part its timeline attributes to an attacker (the report's chart).")
            .required("api_key_id", STRING, h -> h.apiKeyId, "key identity")
            .required("hour", TIMESTAMP, h -> h.hourMicros, "start of the hour, UTC")
            .required("requests", INT64, h -> h.requests, "requests (sum of request_count)")
            .required("cost_usd", DOUBLE, h -> h.costUsd, "cost under the profile")
            .required("attacker_requests", INT64, h -> h.attackerRequests, "requests in the key's attacker timeline")
            .required("profile", STRING, h -> h.profile, "detection profile name")
            .build();

    public static final TableSchema<UsageRecord> LATE = TableSchema.<UsageRecord>builder("late",
                    "Stream records that arrived behind the watermark (later than the allowed out-of-orderness): kept, not analysed.")
            .required("timestamp", TIMESTAMP, r -> r.tsMicros, "event time, UTC")
            .required("api_key_id", STRING, r -> r.apiKeyId, "key identity (masked when a full secret)")
            .required("model", STRING, r -> r.model, "model name")
            .required("input_tokens", INT64, r -> r.inputTokens, "input tokens")
            .required("output_tokens", INT64, r -> r.outputTokens, "output tokens")
            .required("endpoint", STRING, r -> r.endpoint, "API path")
            .optional("source_ip", STRING, r -> r.sourceIp, "caller IP")
            .optional("user_agent", STRING, r -> r.userAgent, "caller user agent")
            .optional("cost_usd", DOUBLE, r -> r.hasCost() ? r.costUsd : null, "cost in USD")
            .required("kafka_partition", INT32, r -> io.keytrail.ingest.KafkaPosition.partition(r.seq), "partition it was read from")
            .required("kafka_offset", INT64, r -> io.keytrail.ingest.KafkaPosition.offset(r.seq), "offset it was read from")
            .required("reason", STRING, r -> "behind the watermark: later than the allowed out-of-orderness", "why it was not analysed")
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

    public static final List<TableSchema<?>> ALL = List.of(BASELINES, ALERTS, TIMELINES, INCIDENTS, SCOPE, IOCS,
            USAGE_HOURLY, REJECTS, LATE, USAGE, KEY_EVENTS, LEAKS);
}
