-- Single precision as the app rounds it (BigQuery has no 4-byte float), for this script only.
CREATE TEMP FUNCTION propensity_f32(x FLOAT64) RETURNS FLOAT64 AS (CASE WHEN x IS NULL THEN NULL WHEN NOT ((NOT IS_INF(x) AND NOT IS_NAN(x))) OR x = 0 THEN x WHEN abs(x) >= CAST('3.4028235677973366e+38' AS FLOAT64) THEN sign(x) * CAST('inf' AS FLOAT64) ELSE sign(x) * (floor((abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23))) + CASE WHEN (abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23)) - floor((abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23))) > 0.5 THEN 1 WHEN (abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23)) - floor((abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23))) < 0.5 THEN 0 ELSE (floor((abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23))) - 2 * floor(floor((abs(x) / POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23))) / 2)) END) * POW(CAST(2 AS FLOAT64), greatest((CASE WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2))) > abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) - 1 WHEN POW(CAST(2 AS FLOAT64), floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1) <= abs(x) THEN floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) + 1 ELSE floor(LOG(greatest(abs(x), CAST('5e-324' AS FLOAT64)), 2)) END), -126) - 23) END);
-- literal
SELECT 'it\'s', CAST('0.1' AS FLOAT64), 42, TRUE, NULL AS v FROM `crm`.`propensity_t`;
-- cast
SELECT CAST(`x` AS FLOAT64), CAST(`x` AS FLOAT64), CAST(`x` AS INT64), CAST(`x` AS INT64), CAST(`x` AS INT64), CAST(`x` AS STRING), CAST(`x` AS TIMESTAMP), CAST(`x` AS DATE) AS v FROM `crm`.`propensity_t`;
-- tryDouble
SELECT SAFE_CAST(CAST(`name` AS STRING) AS FLOAT64) AS v FROM `crm`.`propensity_t`;
-- countIf
SELECT COUNTIF(`x` > 1) AS v FROM `crm`.`propensity_t`;
-- boolOr
SELECT LOGICAL_OR(`x` > 1) AS v FROM `crm`.`propensity_t`;
-- countDistinctIf
SELECT COUNT(DISTINCT IF(`x` > 1, CAST(`name` AS STRING), NULL)) AS v FROM `crm`.`propensity_t`;
-- intDiv
SELECT DIV(CAST(`ms` AS INT64), 86400000) AS v FROM `crm`.`propensity_t`;
-- div
SELECT `ms` / 7 AS v FROM `crm`.`propensity_t`;
-- round
SELECT ROUND(`x` * 1000) AS v FROM `crm`.`propensity_t`;
-- days
SELECT `ms` / 86400000 AS v FROM `crm`.`propensity_t`;
-- ln1p
SELECT LN(1 + abs(`x`)) AS v FROM `crm`.`propensity_t`;
-- exp
SELECT EXP(-abs(`x`)) AS v FROM `crm`.`propensity_t`;
-- float32
SELECT propensity_f32(`x`) AS v FROM `crm`.`propensity_t`;
-- isFinite
SELECT (NOT IS_INF(`x`) AND NOT IS_NAN(`x`)) AS v FROM `crm`.`propensity_t`;
-- epochMs
SELECT UNIX_MILLIS(CAST(`ts` AS TIMESTAMP)) AS v FROM `crm`.`propensity_t`;
-- fromEpochMs
SELECT TIMESTAMP_MILLIS(CAST(`ms` AS INT64)) AS v FROM `crm`.`propensity_t`;
-- fromEpochUs
SELECT TIMESTAMP_MICROS(CAST(`ms` AS INT64)) AS v FROM `crm`.`propensity_t`;
-- weekday
SELECT (EXTRACT(DAYOFWEEK FROM TIMESTAMP_MILLIS(CAST(`ms` AS INT64))) - 1) AS v FROM `crm`.`propensity_t`;
-- hour
SELECT EXTRACT(HOUR FROM TIMESTAMP_MILLIS(CAST(`ms` AS INT64))) AS v FROM `crm`.`propensity_t`;
-- strptime
SELECT CASE WHEN REGEXP_CONTAINS(CAST(`name` AS STRING), '^\\s*\\d{1,2}\\/\\d{1,2}\\/\\d{4} \\d{1,2}\\:\\d{2}\\:\\d{2}\\s*$') THEN SAFE.PARSE_TIMESTAMP('%d/%m/%Y %H:%M:%S', TRIM(CAST(`name` AS STRING))) END AS v FROM `crm`.`propensity_t`;
-- isoTimestamp
SELECT CASE WHEN REGEXP_CONTAINS(CAST(`name` AS STRING), '^\\s*\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?\\s*$') THEN SAFE_CAST(TRIM(CAST(`name` AS STRING)) AS TIMESTAMP) END AS v FROM `crm`.`propensity_t`;
-- contains
SELECT (STRPOS(CAST(`name` AS STRING), 'a') > 0) AS v FROM `crm`.`propensity_t`;
-- startsWith
SELECT STARTS_WITH(CAST(`name` AS STRING), 'a') AS v FROM `crm`.`propensity_t`;
-- endsWith
SELECT ENDS_WITH(CAST(`name` AS STRING), 'a') AS v FROM `crm`.`propensity_t`;
-- listAny
SELECT EXISTS(SELECT 1 FROM UNNEST(`tags`) AS __x WHERE __x = 'a') AS v FROM `crm`.`propensity_t`;
-- listLength
SELECT ARRAY_LENGTH(`tags`) AS v FROM `crm`.`propensity_t`;
-- listFirst
SELECT `tags`[SAFE_OFFSET(0)] AS v FROM `crm`.`propensity_t`;
-- hashBucket
SELECT MOD(CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(CAST(`name` AS STRING))), 1, 8)) AS INT64), 1000000) AS v FROM `crm`.`propensity_t`;
-- nestedField (fields)
SELECT `commerce`.`order`.`priceTotal` AS v FROM `crm`.`propensity_t`;
-- nestedField (a list of records)
SELECT ARRAY(SELECT __n0.`id` FROM UNNEST(`identityMap`.`ECID`) AS __n0 WITH OFFSET AS __o0 WHERE __n0.`id` IS NOT NULL ORDER BY __o0) AS v FROM `crm`.`propensity_t`;
-- nestedField (lists in a list)
SELECT ARRAY(SELECT __n1 FROM UNNEST(`items`) AS __n0 WITH OFFSET AS __o0, UNNEST(__n0.`tags`) AS __n1 WITH OFFSET AS __o1 WHERE __n1 IS NOT NULL ORDER BY __o0, __o1) AS v FROM `crm`.`propensity_t`;
-- firstRowPer
SELECT CAST(`id` AS STRING) AS `__customer_id`, s.* FROM (SELECT *, row_number() OVER (PARTITION BY `id` ORDER BY `id`) AS __row FROM propensity_t WHERE `id` IS NOT NULL) AS s WHERE s.__row = 1;
-- unpivot
SELECT s.id, u.j, u.v FROM propensity_t s CROSS JOIN UNNEST([STRUCT(CAST(0 AS INT64) AS j, CAST(s.`x` AS FLOAT64) AS v), STRUCT(CAST(1 AS INT64) AS j, CAST(s.`y` AS FLOAT64) AS v)]) AS u;
-- values
SELECT * FROM UNNEST([STRUCT(0 AS j, 'a' AS name), STRUCT(1 AS j, 'b' AS name)]);
-- fence
SELECT * FROM (SELECT `x` FROM propensity_t) AS f;
-- createView
CREATE OR REPLACE TEMP TABLE propensity_v AS SELECT * FROM propensity_t;
-- createTable (temporary)
CREATE OR REPLACE TEMP TABLE propensity_tmp AS
SELECT * FROM propensity_t;
-- createTable
CREATE OR REPLACE TABLE `crm`.`propensity_out` AS
SELECT * FROM propensity_t;
