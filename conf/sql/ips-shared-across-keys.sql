-- Attacker IPs (IOCs) by how many keys they touched: an IP on several keys points at one actor.
SELECT
  `value`                        AS ip,
  COUNT(DISTINCT api_key_id)     AS keys,
  LISTAGG(DISTINCT api_key_id)   AS key_ids,
  MIN(first_seen)                AS first_seen
FROM iocs
WHERE `type` IN ('ipv4-addr', 'ipv6-addr')
GROUP BY `value`
ORDER BY keys DESC, first_seen
LIMIT 50;
