-- Times are read and written in UTC, as the app reads them.
SET TIME ZONE 'UTC';
-- literal
SELECT 'it\'s', CAST('0.1' AS DOUBLE), 42, TRUE, NULL AS v FROM `crm`.`propensity_t`;
-- cast
SELECT CAST(`x` AS DOUBLE), CAST(`x` AS FLOAT), CAST(`x` AS BIGINT), CAST(`x` AS INT), CAST(`x` AS SMALLINT), CAST(`x` AS STRING), CAST(`x` AS TIMESTAMP), CAST(`x` AS DATE) AS v FROM `crm`.`propensity_t`;
-- tryDouble
SELECT try_cast(CAST(`name` AS STRING) AS DOUBLE) AS v FROM `crm`.`propensity_t`;
-- countIf
SELECT count_if(`x` > 1) AS v FROM `crm`.`propensity_t`;
-- boolOr
SELECT bool_or(`x` > 1) AS v FROM `crm`.`propensity_t`;
-- countDistinctIf
SELECT count(DISTINCT CASE WHEN `x` > 1 THEN CAST(`name` AS STRING) END) AS v FROM `crm`.`propensity_t`;
-- intDiv
SELECT CAST(`ms` AS BIGINT) DIV 86400000 AS v FROM `crm`.`propensity_t`;
-- div
SELECT CAST(`ms` AS DOUBLE) / 7 AS v FROM `crm`.`propensity_t`;
-- round
SELECT round(`x` * 1000) AS v FROM `crm`.`propensity_t`;
-- days
SELECT CAST(`ms` AS DOUBLE) / 86400000 AS v FROM `crm`.`propensity_t`;
-- ln1p
SELECT ln(1 + abs(`x`)) AS v FROM `crm`.`propensity_t`;
-- exp
SELECT exp(-abs(`x`)) AS v FROM `crm`.`propensity_t`;
-- float32
SELECT CAST(CAST(`x` AS FLOAT) AS DOUBLE) AS v FROM `crm`.`propensity_t`;
-- isFinite
SELECT (NOT isnan(`x`) AND abs(`x`) < CAST('Infinity' AS DOUBLE)) AS v FROM `crm`.`propensity_t`;
-- epochMs
SELECT (unix_millis(CAST(`ts` AS TIMESTAMP))) AS v FROM `crm`.`propensity_t`;
-- fromEpochMs
SELECT timestamp_millis(CAST(`ms` AS BIGINT)) AS v FROM `crm`.`propensity_t`;
-- fromEpochUs
SELECT timestamp_micros(CAST(`ms` AS BIGINT)) AS v FROM `crm`.`propensity_t`;
-- weekday
SELECT (dayofweek(timestamp_millis(CAST(`ms` AS BIGINT))) - 1) AS v FROM `crm`.`propensity_t`;
-- hour
SELECT hour(timestamp_millis(CAST(`ms` AS BIGINT))) AS v FROM `crm`.`propensity_t`;
-- strptime
SELECT CASE WHEN CAST(`name` AS STRING) RLIKE '^\\s*\\d{1,2}\\/\\d{1,2}\\/\\d{4} \\d{1,2}\\:\\d{2}\\:\\d{2}\\s*$' THEN try_to_timestamp(trim(CAST(`name` AS STRING)), 'd/M/yyyy H:mm:ss') END AS v FROM `crm`.`propensity_t`;
-- isoTimestamp
SELECT CASE WHEN CAST(`name` AS STRING) RLIKE '^\\s*\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?\\s*$' THEN try_cast(trim(CAST(`name` AS STRING)) AS TIMESTAMP) END AS v FROM `crm`.`propensity_t`;
-- contains
SELECT contains(CAST(`name` AS STRING), 'a') AS v FROM `crm`.`propensity_t`;
-- startsWith
SELECT startswith(CAST(`name` AS STRING), 'a') AS v FROM `crm`.`propensity_t`;
-- endsWith
SELECT endswith(CAST(`name` AS STRING), 'a') AS v FROM `crm`.`propensity_t`;
-- listAny
SELECT exists(`tags`, __x -> __x = 'a') AS v FROM `crm`.`propensity_t`;
-- listLength
SELECT CASE WHEN `tags` IS NOT NULL THEN size(`tags`) END AS v FROM `crm`.`propensity_t`;
-- listFirst
SELECT try_element_at(`tags`, 1) AS v FROM `crm`.`propensity_t`;
-- hashBucket
SELECT CAST(conv(substr(md5(CAST(`name` AS STRING)), 1, 8), 16, 10) AS BIGINT) % 1000000 AS v FROM `crm`.`propensity_t`;
-- nestedField (fields)
SELECT `commerce`.`order`.`priceTotal` AS v FROM `crm`.`propensity_t`;
-- nestedField (a list of records)
SELECT transform(`identityMap`.`ECID`, __n0 -> __n0.`id`) AS v FROM `crm`.`propensity_t`;
-- nestedField (lists in a list)
SELECT flatten(transform(`items`, __n0 -> __n0.`tags`)) AS v FROM `crm`.`propensity_t`;
-- firstRowPer
SELECT CAST(`id` AS STRING) AS `__customer_id`, s.* FROM (SELECT *, row_number() OVER (PARTITION BY `id` ORDER BY `id`) AS __row FROM propensity_t WHERE `id` IS NOT NULL) AS s WHERE s.__row = 1;
-- unpivot
SELECT s.id, u.j, u.v FROM propensity_t s LATERAL VIEW inline(array(struct(CAST(0 AS INT), CAST(s.`x` AS DOUBLE)), struct(CAST(1 AS INT), CAST(s.`y` AS DOUBLE)))) u AS j, v;
-- values
SELECT * FROM (SELECT 0 AS j, 'a' AS name UNION ALL SELECT 1 AS j, 'b' AS name) AS t;
-- fence
SELECT * FROM (SELECT `x` FROM propensity_t) AS f;
-- createView
CREATE OR REPLACE TEMPORARY VIEW propensity_v AS SELECT * FROM propensity_t;
-- createTable (temporary)
DROP VIEW IF EXISTS propensity_tmp;
CACHE TABLE propensity_tmp AS
SELECT * FROM propensity_t;
-- createTable
DROP TABLE IF EXISTS `crm`.`propensity_out`;
CREATE TABLE `crm`.`propensity_out` AS
SELECT * FROM propensity_t;
