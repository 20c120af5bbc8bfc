-- The seed's build_baseline and five checks (the `reference` profile) as DuckDB SQL: the peer of
-- `keytrail bench`. ${history}, ${archive} (Parquet globs) and ${out} (a Parquet file) are filled in
-- by DuckDbPeer. Days and hours in UTC (Parquet timestamps are instants, so "as written" is UTC),
-- rows counted, a missing cost counts 0, a key is its fingerprint when the input held a full secret.
-- The output holds one row per alert: api_key_id, day, alert_type, subject, severity.
-- Costs are summed in DuckDB's order, not the input's: a last-bit difference from the seed can matter
-- only for a day whose cost sits exactly on its threshold.
SET TimeZone = 'UTC';

CREATE TEMP TABLE h AS
  SELECT coalesce(api_key_fingerprint, api_key_id) AS k, "timestamp" AS ts, model, source_ip AS ip,
         coalesce(cost_usd, 0.0) AS cost
  FROM read_parquet(${history});

-- Per key: average and sample standard deviation of daily rows (over days with records), average daily cost.
-- The standard deviation is the seed's two-pass _std, not stddev_samp: the mean of the daily counts
-- (an exact sum over an exact count), then the squared differences added one by one in the order the
-- days first appear, which for generate's output (written day by day) is date order. stddev_samp's
-- streaming update rounds differently, and a day whose count sits exactly on avg + 3 * std (daily
-- counts 1 to 5 averaging 3 with a deviation of 4/3: a threshold of exactly 7) then alerts here and not
-- in the seed. The sum runs on one thread over days stored in (key, day) order, so each key's squares
-- are added in day order: an ordered aggregate (sum(... ORDER BY d)) gives the same bits but took
-- 14 s instead of 0.3 s on 100,000 keys.
CREATE TEMP TABLE daily AS
  SELECT k, CAST(ts AS DATE) AS d, count(*) AS n, sum(cost) AS c FROM h GROUP BY k, d ORDER BY k, d;

CREATE TEMP TABLE per_key AS
  SELECT k, count(*) AS days, sum(n)::DOUBLE / count(*) AS avg_req, avg(c) AS avg_cost FROM daily GROUP BY k;

SET threads = 1;

CREATE TEMP TABLE base AS
  SELECT k, any_value(avg_req) AS avg_req, any_value(avg_cost) AS avg_cost,
         CASE WHEN any_value(days) < 2 THEN 0.0
              ELSE sqrt(sum((n - avg_req) * (n - avg_req)) / (any_value(days) - 1)) END AS std_req
  FROM daily JOIN per_key USING (k) GROUP BY k;

RESET threads;

CREATE TEMP TABLE known_models AS SELECT DISTINCT k, model FROM h;

CREATE TEMP TABLE known_ips AS SELECT DISTINCT k, ip FROM h WHERE ip IS NOT NULL AND ip <> '';

-- Active hours: hours holding more than 1% of the key's records.
CREATE TEMP TABLE active AS
  WITH hours AS (SELECT k, hour(ts) AS hr, count(*) AS n FROM h GROUP BY k, hr),
       total AS (SELECT k, count(*) AS n FROM h GROUP BY k)
  SELECT hours.k, hr FROM hours JOIN total USING (k) WHERE hours.n > total.n * 0.01;

-- The archive of keys with a baseline; file name and row number give the input order (the first unknown model).
CREATE TEMP TABLE a AS
  SELECT coalesce(api_key_fingerprint, api_key_id) AS k, api_key_id AS id, "timestamp" AS ts,
         CAST("timestamp" AS DATE) AS d, hour("timestamp") AS hr, model, source_ip AS ip,
         coalesce(cost_usd, 0.0) AS cost, filename AS f, file_row_number AS rn
  FROM read_parquet(${archive}, filename = true, file_row_number = true)
  WHERE coalesce(api_key_fingerprint, api_key_id) IN (SELECT k FROM base);

COPY (
  WITH days AS (
    SELECT a.k, any_value(a.id) AS id, a.d, count(*) AS n, sum(a.cost) AS c,
           count(*) FILTER (WHERE act.hr IS NULL) AS off_n,
           arg_min(a.model, (a.ts, a.f, a.rn)) FILTER (WHERE km.model IS NULL) AS new_model,
           bool_or(a.ip IS NOT NULL AND a.ip <> '' AND ki.ip IS NULL) AS new_ip
    FROM a
    LEFT JOIN active act ON act.k = a.k AND act.hr = a.hr
    LEFT JOIN known_models km ON km.k = a.k AND km.model = a.model
    LEFT JOIN known_ips ki ON ki.k = a.k AND ki.ip = a.ip
    GROUP BY a.k, a.d),
  j AS (
    SELECT days.*, base.avg_req, base.std_req, base.avg_cost,
           EXISTS (SELECT 1 FROM known_ips x WHERE x.k = days.k) AS has_ips,
           EXISTS (SELECT 1 FROM active x WHERE x.k = days.k) AS has_active
    FROM days JOIN base USING (k))
  SELECT id AS api_key_id, strftime(d, '%Y-%m-%d') AS day, 'volume_spike' AS alert_type, '' AS subject,
         CASE WHEN n > avg_req * 10 THEN 'critical' ELSE 'high' END AS severity
    FROM j WHERE std_req > 0 AND n > avg_req + 3 * std_req
  UNION ALL SELECT id, strftime(d, '%Y-%m-%d'), 'cost_spike', '', 'critical' FROM j WHERE c > greatest(avg_cost * 5, 10.0)
  UNION ALL SELECT id, strftime(d, '%Y-%m-%d'), 'unknown_model', new_model, 'high' FROM j WHERE new_model IS NOT NULL
  UNION ALL SELECT id, strftime(d, '%Y-%m-%d'), 'unknown_source_ip', '', 'high' FROM j WHERE has_ips AND new_ip
  UNION ALL SELECT id, strftime(d, '%Y-%m-%d'), 'off_hours_usage', '', 'medium' FROM j WHERE has_active AND off_n > n * 0.3
) TO ${out} (FORMAT parquet);
