#!/usr/bin/env python3
"""The seed article's APIKeyUsageAnalyzer, verbatim (re-indented; translated string keys restored),
with a small driver: reads history and archive JSON Lines, prints the alerts as JSON Lines.

Used by the tests to check the `reference` profile against the seed's own code.
    python3 tools/seed_analyzer.py HISTORY.jsonl ARCHIVE.jsonl > alerts.jsonl
    python3 tools/seed_analyzer.py timeline HISTORY.jsonl ARCHIVE.jsonl KEY START > timeline.jsonl
"""
import json
import sys
from datetime import datetime, timedelta
from dataclasses import dataclass, field
from collections import defaultdict
from typing import Optional


@dataclass
class UsageRecord:
    """A single API usage record."""
    timestamp: str
    api_key_prefix: str  # Last 4 chars or masked key
    model: str
    input_tokens: int
    output_tokens: int
    endpoint: str
    source_ip: Optional[str] = None
    user_agent: Optional[str] = None
    status_code: int = 200
    cost_usd: float = 0.0


@dataclass
class AnomalyAlert:
    """An anomaly detected in API usage."""
    alert_type: str
    severity: str  # low, medium, high, critical
    description: str
    evidence: dict
    timestamp: str
    api_key_prefix: str


class APIKeyUsageAnalyzer:
    """Detect anomalous API key usage patterns that may
    indicate compromise."""
    # Approximate costs per 1K tokens (USD) as of early 2026
    MODEL_COSTS = {
        "gpt-4": {"input": 0.03, "output": 0.06},
        "gpt-4-turbo": {"input": 0.01, "output": 0.03},
        "gpt-4o": {"input": 0.005, "output": 0.015},
        "gpt-3.5-turbo": {"input": 0.0005, "output": 0.0015},
        "claude-3-opus": {"input": 0.015, "output": 0.075},
        "claude-3.5-sonnet": {"input": 0.003, "output": 0.015},
        "claude-3.5-haiku": {"input": 0.0008, "output": 0.004},
    }

    def __init__(self, baseline_window_days: int = 30):
        self.baseline_window_days = baseline_window_days
        self.baselines: dict[str, dict] = {}  # key_prefix -> baseline stats

    def build_baseline(self, historical_records: list[UsageRecord]) -> None:
        """Build usage baselines from historical data."""
        key_records: dict[str, list[UsageRecord]] = defaultdict(list)
        for record in historical_records:
            key_records[record.api_key_prefix].append(record)
        for key_prefix, records in key_records.items():
            daily_requests: dict[str, int] = defaultdict(int)
            daily_costs: dict[str, float] = defaultdict(float)
            models_used: set[str] = set()
            ips_seen: set[str] = set()
            hourly_distribution: dict[int, int] = defaultdict(int)
            for r in records:
                try:
                    dt = datetime.fromisoformat(r.timestamp)
                except (ValueError, TypeError):
                    continue
                day_key = dt.strftime("%Y-%m-%d")
                daily_requests[day_key] += 1
                daily_costs[day_key] += r.cost_usd
                models_used.add(r.model)
                if r.source_ip:
                    ips_seen.add(r.source_ip)
                hourly_distribution[dt.hour] += 1
            req_counts = list(daily_requests.values()) or [0]
            cost_values = list(daily_costs.values()) or [0.0]
            self.baselines[key_prefix] = {
                "avg_daily_requests": sum(req_counts) / max(len(req_counts), 1),
                "max_daily_requests": max(req_counts),
                "std_daily_requests": self._std(req_counts),
                "avg_daily_cost": sum(cost_values) / max(len(cost_values), 1),
                "max_daily_cost": max(cost_values),
                "known_models": models_used,
                "known_ips": ips_seen,
                "active_hours": {
                    h for h, c in hourly_distribution.items()
                    if c > len(records) * 0.01  # at least 1% of traffic
                },
            }

    def analyze_records(self, records: list[UsageRecord]) -> list[AnomalyAlert]:
        """Analyze usage records against baselines to detect anomalies."""
        alerts = []
        # Group by key and day
        key_day_records: dict[str, dict[str, list[UsageRecord]]] = defaultdict(lambda: defaultdict(list))
        for r in records:
            try:
                day = datetime.fromisoformat(r.timestamp).strftime("%Y-%m-%d")
            except (ValueError, TypeError):
                continue
            key_day_records[r.api_key_prefix][day].append(r)
        for key_prefix, days in key_day_records.items():
            baseline = self.baselines.get(key_prefix)
            if not baseline:
                continue
            for day, day_records in days.items():
                alerts.extend(self._check_volume_anomaly(key_prefix, day, day_records, baseline))
                alerts.extend(self._check_cost_anomaly(key_prefix, day, day_records, baseline))
                alerts.extend(self._check_model_anomaly(key_prefix, day_records, baseline))
                alerts.extend(self._check_ip_anomaly(key_prefix, day_records, baseline))
                alerts.extend(self._check_time_anomaly(key_prefix, day_records, baseline))
        return sorted(alerts, key=lambda a: a.timestamp)

    def _check_volume_anomaly(self, key_prefix, day, records, baseline):
        alerts = []
        count = len(records)
        avg = baseline["avg_daily_requests"]
        std = baseline["std_daily_requests"]
        if std > 0 and count > avg + 3 * std:
            severity = "critical" if count > avg * 10 else "high"
            alerts.append(AnomalyAlert(
                alert_type="volume_spike", severity=severity,
                description=(f"Key {key_prefix}: {count} requests on {day}, "
                             f"baseline avg={avg:.0f}, std={std:.0f}"),
                evidence={"day": day, "request_count": count, "baseline_avg": avg, "baseline_std": std,
                          "multiplier": round(count / max(avg, 1), 1)},
                timestamp=records[0].timestamp, api_key_prefix=key_prefix))
        return alerts

    def _check_cost_anomaly(self, key_prefix, day, records, baseline):
        alerts = []
        total_cost = sum(r.cost_usd for r in records)
        avg_cost = baseline["avg_daily_cost"]
        if total_cost > max(avg_cost * 5, 10.0):  # 5x baseline or $10 min
            alerts.append(AnomalyAlert(
                alert_type="cost_spike", severity="critical",
                description=(f"Key {key_prefix}: ${total_cost:.2f} on {day}, "
                             f"baseline avg=${avg_cost:.2f}"),
                evidence={"day": day, "total_cost": total_cost, "baseline_avg_cost": avg_cost},
                timestamp=records[0].timestamp, api_key_prefix=key_prefix))
        return alerts

    def _check_model_anomaly(self, key_prefix, records, baseline):
        alerts = []
        known = baseline.get("known_models", set())
        for r in records:
            if r.model not in known:
                alerts.append(AnomalyAlert(
                    alert_type="unknown_model", severity="high",
                    description=(f"Key {key_prefix}: model '{r.model}' not in baseline. "
                                 f"Known models: {known}"),
                    evidence={"model": r.model, "known_models": list(known)},
                    timestamp=r.timestamp, api_key_prefix=key_prefix))
                break  # One alert per model is sufficient
        return alerts

    def _check_ip_anomaly(self, key_prefix, records, baseline):
        alerts = []
        known_ips = baseline.get("known_ips", set())
        if not known_ips:
            return alerts
        unknown_ips = set()
        for r in records:
            if r.source_ip and r.source_ip not in known_ips:
                unknown_ips.add(r.source_ip)
        if unknown_ips:
            alerts.append(AnomalyAlert(
                alert_type="unknown_source_ip", severity="high",
                description=(f"Key {key_prefix}: requests from {len(unknown_ips)} "
                             f"unknown IP(s): {list(unknown_ips)[:5]}"),
                evidence={"unknown_ips": list(unknown_ips), "known_ips": list(known_ips)[:10]},
                timestamp=records[0].timestamp, api_key_prefix=key_prefix))
        return alerts

    def _check_time_anomaly(self, key_prefix, records, baseline):
        alerts = []
        active_hours = baseline.get("active_hours", set())
        if not active_hours:
            return alerts
        off_hours_count = 0
        for r in records:
            try:
                hour = datetime.fromisoformat(r.timestamp).hour
                if hour not in active_hours:
                    off_hours_count += 1
            except (ValueError, TypeError):
                continue
        if off_hours_count > len(records) * 0.3:  # >30% off-hours
            alerts.append(AnomalyAlert(
                alert_type="off_hours_usage", severity="medium",
                description=(f"Key {key_prefix}: {off_hours_count}/{len(records)} "
                             f"requests outside normal hours"),
                evidence={"off_hours_count": off_hours_count, "total_records": len(records),
                          "active_hours": list(active_hours)},
                timestamp=records[0].timestamp, api_key_prefix=key_prefix))
        return alerts

    @staticmethod
    def _std(values: list[float]) -> float:
        """Calculate standard deviation."""
        if len(values) < 2:
            return 0.0
        mean = sum(values) / len(values)
        variance = sum((x - mean) ** 2 for x in values) / (len(values) - 1)
        return variance ** 0.5


from enum import Enum


class AttackPhase(Enum):
    RECONNAISSANCE = "reconnaissance"
    CAPABILITY_TESTING = "capability_testing"
    EXPLOITATION = "exploitation"
    PERSISTENCE = "persistence"
    EXFILTRATION = "exfiltration"


@dataclass
class AttackerAction:
    """A reconstructed attacker action."""
    timestamp: str
    phase: AttackPhase
    action: str
    details: dict
    confidence: float  # 0-1


class APIKeyForensicReconstructor:
    """Reconstruct attacker activity from API usage logs after a key compromise."""

    def reconstruct_timeline(self, usage_records, compromise_start, known_legitimate_ips):
        start_dt = datetime.fromisoformat(compromise_start)
        # Filter to records after compromise and from unknown IPs
        suspicious = []
        for r in usage_records:
            try:
                r_dt = datetime.fromisoformat(r.timestamp)
            except (ValueError, TypeError):
                continue
            if r_dt < start_dt:
                continue
            if r.source_ip and r.source_ip in known_legitimate_ips:
                continue
            suspicious.append(r)
        suspicious.sort(key=lambda r: r.timestamp)
        actions = []
        # Phase detection based on temporal patterns and request types
        for i, record in enumerate(suspicious):
            phase = self._classify_phase(record, i, suspicious)
            action_desc = self._describe_action(record, phase)
            actions.append(AttackerAction(
                timestamp=record.timestamp, phase=phase, action=action_desc,
                details={"model": record.model, "endpoint": record.endpoint, "input_tokens": record.input_tokens,
                         "output_tokens": record.output_tokens, "source_ip": record.source_ip,
                         "status_code": record.status_code, "cost_usd": record.cost_usd},
                confidence=0.7))  # Default; refined by context
        return actions

    def _classify_phase(self, record, index, all_records):
        """Classify the attack phase of a given record."""
        # First few requests are typically reconnaissance
        if index < 3:
            return AttackPhase.RECONNAISSANCE
        # Small token counts suggest testing/probing
        if record.input_tokens < 50 and record.output_tokens < 50:
            return AttackPhase.CAPABILITY_TESTING
        # Fine-tuning or file endpoints suggest persistence
        if any(kw in record.endpoint.lower() for kw in ["fine-tun", "files", "batch"]):
            return AttackPhase.PERSISTENCE
        # Large output token counts may indicate exfiltration
        if record.output_tokens > 4000:
            return AttackPhase.EXFILTRATION
        return AttackPhase.EXPLOITATION

    def _describe_action(self, record, phase):
        """Generate a human-readable description of the action."""
        descriptions = {
            AttackPhase.RECONNAISSANCE: f"Probed {record.endpoint} with model {record.model}",
            AttackPhase.CAPABILITY_TESTING: (f"Tested {record.model} capabilities via {record.endpoint} "
                                             f"({record.input_tokens} in, {record.output_tokens} out)"),
            AttackPhase.EXPLOITATION: (f"Used {record.model} via {record.endpoint} "
                                       f"({record.input_tokens}+{record.output_tokens} tokens, "
                                       f"${record.cost_usd:.4f})"),
            AttackPhase.PERSISTENCE: f"Accessed {record.endpoint}, possible persistence mechanism",
            AttackPhase.EXFILTRATION: (f"Large output ({record.output_tokens} tokens) from "
                                       f"{record.model}, possible data exfiltration"),
        }
        return descriptions.get(phase, f"Unknown action on {record.endpoint}")


def load(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            key = d.get("api_key_id", d.get("api_key_prefix"))
            cost = d.get("cost_usd")
            out.append(UsageRecord(
                timestamp=d["timestamp"], api_key_prefix=key, model=d["model"],
                input_tokens=d["input_tokens"], output_tokens=d["output_tokens"],
                endpoint=d.get("endpoint") or "", source_ip=d.get("source_ip"),
                user_agent=d.get("user_agent"), status_code=d.get("status_code", 200),
                cost_usd=0.0 if cost is None else cost))  # the reference profile: a missing cost is 0.0
    return out


def timeline(history, archive, key, start):
    analyzer = APIKeyUsageAnalyzer()
    analyzer.build_baseline(load(history))
    known = analyzer.baselines.get(key, {}).get("known_ips", set())
    records = [r for r in load(archive) if r.api_key_prefix == key]
    for a in APIKeyForensicReconstructor().reconstruct_timeline(records, start, known):
        print(json.dumps({"timestamp": a.timestamp, "phase": a.phase.value, "action": a.action,
                          "confidence": a.confidence}))
    return 0


def main(argv):
    if len(argv) == 6 and argv[1] == "timeline":
        return timeline(argv[2], argv[3], argv[4], argv[5])
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    analyzer = APIKeyUsageAnalyzer()
    analyzer.build_baseline(load(argv[1]))
    for a in analyzer.analyze_records(load(argv[2])):
        print(json.dumps({"api_key_id": a.api_key_prefix, "day": a.evidence.get("day") or
                          datetime.fromisoformat(a.timestamp).strftime("%Y-%m-%d"),
                          "alert_type": a.alert_type, "severity": a.severity, "timestamp": a.timestamp,
                          "description": a.description}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
