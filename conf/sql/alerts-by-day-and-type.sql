-- Current alerts (latest revision) per day and type, with the worst severity and the keys involved.
SELECT
  `day`,
  alert_type,
  COUNT(*)                          AS alerts,
  COUNT(DISTINCT api_key_id)        AS keys,
  CASE MAX(risk_ord(severity))
    WHEN 3 THEN 'critical' WHEN 2 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low'
  END                               AS worst_severity
FROM alerts
GROUP BY `day`, alert_type
ORDER BY `day`, alert_type;
