-- How long attackers had the keys before detection (current incident revisions).
SELECT
  CASE
    WHEN dwell_time_seconds < 3600      THEN '1: under 1 hour'
    WHEN dwell_time_seconds < 86400     THEN '2: 1 hour to 1 day'
    WHEN dwell_time_seconds < 7 * 86400 THEN '3: 1 to 7 days'
    ELSE                                     '4: over 7 days'
  END                                             AS dwell,
  COUNT(*)                                        AS incidents,
  ROUND(MIN(dwell_time_seconds) / 3600.0, 1)      AS min_hours,
  ROUND(AVG(dwell_time_seconds) / 3600.0, 1)      AS avg_hours,
  ROUND(MAX(dwell_time_seconds) / 3600.0, 1)      AS max_hours
FROM incidents
WHERE dwell_time_seconds IS NOT NULL
GROUP BY
  CASE
    WHEN dwell_time_seconds < 3600      THEN '1: under 1 hour'
    WHEN dwell_time_seconds < 86400     THEN '2: 1 hour to 1 day'
    WHEN dwell_time_seconds < 7 * 86400 THEN '3: 1 to 7 days'
    ELSE                                     '4: over 7 days'
  END
ORDER BY dwell;
