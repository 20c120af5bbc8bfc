-- Which keys were abused, since when, by whom, at what cost (current incident revisions).
SELECT
  i.api_key_id,
  i.provider,
  i.severity,
  i.compromise_start                      AS since,
  i.compromise_start_source               AS since_source,
  i.detected_at,
  ROUND(i.dwell_time_seconds / 3600.0, 1) AS dwell_hours,
  CARDINALITY(i.attacker_ips)             AS attacker_ips,
  i.attacker_ips[1]                       AS first_attacker_ip,
  i.attacker_requests,
  ROUND(i.attacker_cost_usd, 2)           AS attacker_cost_usd,
  i.financial_exposure
FROM incidents AS i
ORDER BY i.attacker_cost_usd DESC;
