-- Keys ranked by what the attacker's requests cost (the timelines), with the phases seen.
SELECT
  api_key_id,
  COUNT(*)                       AS attacker_requests,
  ROUND(SUM(cost_usd), 2)        AS attacker_cost_usd,
  COUNT(DISTINCT source_ip)      AS attacker_ips,
  MIN(`timestamp`)               AS first_attack,
  MAX(`timestamp`)               AS last_attack,
  LISTAGG(DISTINCT phase)        AS phases
FROM timelines
GROUP BY api_key_id
ORDER BY attacker_cost_usd DESC
LIMIT 20;
