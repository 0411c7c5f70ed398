SET TimeZone = 'UTC';
-- literal
SELECT 'it''s', CAST('0.1' AS DOUBLE), 42, TRUE, NULL AS v FROM "crm.propensity_t";
-- cast
SELECT CAST("x" AS DOUBLE), CAST("x" AS FLOAT), CAST("x" AS BIGINT), CAST("x" AS INTEGER), CAST("x" AS SMALLINT), CAST("x" AS VARCHAR), CAST("x" AS TIMESTAMP), CAST("x" AS DATE) AS v FROM "crm.propensity_t";
-- tryDouble
SELECT TRY_CAST(CAST("name" AS VARCHAR) AS DOUBLE) AS v FROM "crm.propensity_t";
-- countIf
SELECT count_if("x" > 1) AS v FROM "crm.propensity_t";
-- boolOr
SELECT bool_or("x" > 1) AS v FROM "crm.propensity_t";
-- countDistinctIf
SELECT count(DISTINCT CAST("name" AS VARCHAR)) FILTER (WHERE "x" > 1) AS v FROM "crm.propensity_t";
-- intDiv
SELECT "ms" // 86400000 AS v FROM "crm.propensity_t";
-- div
SELECT "ms" / 7 AS v FROM "crm.propensity_t";
-- round
SELECT round("x" * 1000) AS v FROM "crm.propensity_t";
-- days
SELECT "ms" / 86400000.0 AS v FROM "crm.propensity_t";
-- ln1p
SELECT ln(1 + abs("x")) AS v FROM "crm.propensity_t";
-- exp
SELECT exp(-abs("x")) AS v FROM "crm.propensity_t";
-- float32
SELECT CAST(CAST("x" AS FLOAT) AS DOUBLE) AS v FROM "crm.propensity_t";
-- isFinite
SELECT isfinite("x") AS v FROM "crm.propensity_t";
-- epochMs
SELECT epoch_ms(CAST("ts" AS TIMESTAMP)) AS v FROM "crm.propensity_t";
-- fromEpochMs
SELECT epoch_ms("ms") AS v FROM "crm.propensity_t";
-- fromEpochUs
SELECT make_timestamp("ms") AS v FROM "crm.propensity_t";
-- weekday
SELECT dayofweek(epoch_ms("ms")) AS v FROM "crm.propensity_t";
-- hour
SELECT hour(epoch_ms("ms")) AS v FROM "crm.propensity_t";
-- strptime
SELECT try_strptime(CAST("name" AS VARCHAR), '%d/%m/%Y %H:%M:%S') AS v FROM "crm.propensity_t";
-- isoTimestamp
SELECT TRY_CAST(TRY_CAST(CAST("name" AS VARCHAR) AS TIMESTAMPTZ) AS TIMESTAMP) AS v FROM "crm.propensity_t";
-- contains
SELECT contains(CAST("name" AS VARCHAR), 'a') AS v FROM "crm.propensity_t";
-- startsWith
SELECT starts_with(CAST("name" AS VARCHAR), 'a') AS v FROM "crm.propensity_t";
-- endsWith
SELECT ends_with(CAST("name" AS VARCHAR), 'a') AS v FROM "crm.propensity_t";
-- listAny
SELECT len(list_filter("tags", lambda __x: __x = 'a')) > 0 AS v FROM "crm.propensity_t";
-- listLength
SELECT len("tags") AS v FROM "crm.propensity_t";
-- listFirst
SELECT "tags"[1] AS v FROM "crm.propensity_t";
-- hashBucket
SELECT hash(CAST("name" AS VARCHAR)) % 1000000 AS v FROM "crm.propensity_t";
-- nestedField (fields)
SELECT struct_extract(struct_extract("commerce", 'order'), 'priceTotal') AS v FROM "crm.propensity_t";
-- nestedField (a list of records)
SELECT list_transform(struct_extract("identityMap", 'ECID'), lambda __n0: struct_extract(__n0, 'id')) AS v FROM "crm.propensity_t";
-- nestedField (lists in a list)
SELECT flatten(list_transform("items", lambda __n0: struct_extract(__n0, 'tags'))) AS v FROM "crm.propensity_t";
-- firstRowPer
SELECT CAST("id" AS VARCHAR) AS "__customer_id", * EXCLUDE (__row) FROM (SELECT *, row_number() OVER () AS __row FROM propensity_t WHERE "id" IS NOT NULL) QUALIFY row_number() OVER (PARTITION BY "id" ORDER BY __row) = 1;
-- unpivot
SELECT s.id, unnest([0, 1]) AS j, unnest([s."x", s."y"]) AS v FROM propensity_t s;
-- values
SELECT * FROM (VALUES (0, 'a'), (1, 'b')) AS t(j, name);
-- fence
SELECT * FROM (SELECT "x" FROM propensity_t) AS f;
-- createView
CREATE OR REPLACE TEMP VIEW propensity_v AS SELECT * FROM propensity_t;
-- createTable (temporary)
CREATE OR REPLACE TEMP TABLE propensity_tmp AS
SELECT * FROM propensity_t;
-- createTable
CREATE OR REPLACE TABLE "crm.propensity_out" AS
SELECT * FROM propensity_t;
