-- Times are read and written in UTC, as the app reads them; quoted names match in any case,
-- as unquoted ones do (for this session).
ALTER SESSION SET TIMEZONE = 'UTC';
ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = TRUE;
-- Single precision as the app rounds it (FLOAT is double precision in Snowflake), for this session only.
CREATE OR REPLACE TEMPORARY FUNCTION propensity_f32(x DOUBLE) RETURNS DOUBLE AS $$ CASE WHEN x IS NULL THEN NULL WHEN NOT ((ABS(x) < CAST('inf' AS DOUBLE))) OR x = 0 THEN x WHEN abs(x) >= CAST('3.4028235677973366e+38' AS DOUBLE) THEN sign(x) * CAST('inf' AS DOUBLE) ELSE sign(x) * (floor((abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23))) + CASE WHEN (abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23)) - floor((abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23))) > 0.5 THEN 1 WHEN (abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23)) - floor((abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23))) < 0.5 THEN 0 ELSE (floor((abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23))) - 2 * floor(floor((abs(x) / POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23))) / 2)) END) * POW(CAST(2 AS DOUBLE), greatest((CASE WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE))))) > abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) - 1 WHEN POW(CAST(2 AS DOUBLE), floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1) <= abs(x) THEN floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) + 1 ELSE floor(LOG(2, greatest(abs(x), CAST('5e-324' AS DOUBLE)))) END), -126) - 23) END $$;
-- literal
SELECT 'it\'s', CAST('0.1' AS DOUBLE), 42, TRUE, NULL AS v FROM "crm"."propensity_t";
-- cast
SELECT CAST("x" AS DOUBLE), CAST("x" AS DOUBLE), CAST("x" AS BIGINT), CAST("x" AS INTEGER), CAST("x" AS SMALLINT), CAST("x" AS VARCHAR), CAST("x" AS TIMESTAMP_NTZ), CAST("x" AS DATE) AS v FROM "crm"."propensity_t";
-- tryDouble
SELECT TRY_TO_DOUBLE(CAST(CAST("name" AS VARCHAR) AS VARCHAR)) AS v FROM "crm"."propensity_t";
-- countIf
SELECT COUNT_IF("x" > 1) AS v FROM "crm"."propensity_t";
-- boolOr
SELECT BOOLOR_AGG("x" > 1) AS v FROM "crm"."propensity_t";
-- countDistinctIf
SELECT COUNT(DISTINCT CASE WHEN "x" > 1 THEN CAST("name" AS VARCHAR) END) AS v FROM "crm"."propensity_t";
-- intDiv
SELECT CAST(("ms" - MOD("ms", 86400000)) / 86400000 AS BIGINT) AS v FROM "crm"."propensity_t";
-- div
SELECT CAST("ms" AS DOUBLE) / 7 AS v FROM "crm"."propensity_t";
-- round
SELECT ROUND("x" * 1000) AS v FROM "crm"."propensity_t";
-- days
SELECT CAST("ms" AS DOUBLE) / 86400000 AS v FROM "crm"."propensity_t";
-- ln1p
SELECT LN(1 + abs("x")) AS v FROM "crm"."propensity_t";
-- exp
SELECT EXP(-abs("x")) AS v FROM "crm"."propensity_t";
-- float32
SELECT propensity_f32("x") AS v FROM "crm"."propensity_t";
-- isFinite
SELECT (ABS("x") < CAST('inf' AS DOUBLE)) AS v FROM "crm"."propensity_t";
-- epochMs
SELECT DATE_PART(EPOCH_MILLISECOND, CAST("ts" AS TIMESTAMP_NTZ)) AS v FROM "crm"."propensity_t";
-- fromEpochMs
SELECT TO_TIMESTAMP_NTZ(CAST("ms" AS BIGINT), 3) AS v FROM "crm"."propensity_t";
-- fromEpochUs
SELECT TO_TIMESTAMP_NTZ(CAST("ms" AS BIGINT), 6) AS v FROM "crm"."propensity_t";
-- weekday
SELECT MOD(DAYOFWEEKISO(TO_TIMESTAMP_NTZ(CAST("ms" AS BIGINT), 3)), 7) AS v FROM "crm"."propensity_t";
-- hour
SELECT HOUR(TO_TIMESTAMP_NTZ(CAST("ms" AS BIGINT), 3)) AS v FROM "crm"."propensity_t";
-- strptime
SELECT CASE WHEN REGEXP_LIKE(CAST("name" AS VARCHAR), '^\\s*\\d{1,2}\\/\\d{1,2}\\/\\d{4} \\d{1,2}\\:\\d{2}\\:\\d{2}\\s*$') THEN TRY_TO_TIMESTAMP_NTZ(TRIM(CAST("name" AS VARCHAR)), 'DD/MM/YYYY HH24:MI:SS') END AS v FROM "crm"."propensity_t";
-- isoTimestamp
SELECT CASE WHEN REGEXP_LIKE(CAST("name" AS VARCHAR), '^\\s*\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?\\s*$') THEN CAST(CONVERT_TIMEZONE('UTC', TRY_TO_TIMESTAMP_TZ(TRIM(CAST("name" AS VARCHAR)))) AS TIMESTAMP_NTZ) END AS v FROM "crm"."propensity_t";
-- contains
SELECT CONTAINS(CAST("name" AS VARCHAR), 'a') AS v FROM "crm"."propensity_t";
-- startsWith
SELECT STARTSWITH(CAST("name" AS VARCHAR), 'a') AS v FROM "crm"."propensity_t";
-- endsWith
SELECT ENDSWITH(CAST("name" AS VARCHAR), 'a') AS v FROM "crm"."propensity_t";
-- listLength
SELECT ARRAY_SIZE("tags") AS v FROM "crm"."propensity_t";
-- listFirst
SELECT "tags"[0] AS v FROM "crm"."propensity_t";
-- hashBucket
SELECT MOD(TO_NUMBER(SUBSTR(MD5(CAST("name" AS VARCHAR)), 1, 8), 'XXXXXXXX'), 1000000) AS v FROM "crm"."propensity_t";
-- nestedField (fields)
SELECT CAST("commerce"['order']['priceTotal'] AS DOUBLE) AS v FROM "crm"."propensity_t";
-- nestedField (a list of records)
SELECT CAST(TRANSFORM(CAST("identityMap"['ECID'] AS ARRAY), __n0 -> __n0['id']) AS ARRAY) AS v FROM "crm"."propensity_t";
-- nestedField (lists in a list)
SELECT CAST(ARRAY_FLATTEN(TRANSFORM(CAST("items" AS ARRAY), __n0 -> __n0['tags'])) AS ARRAY) AS v FROM "crm"."propensity_t";
-- firstRowPer
SELECT CAST("id" AS VARCHAR) AS "__customer_id", s.* FROM (SELECT *, row_number() OVER (PARTITION BY "id" ORDER BY "id") AS __row FROM propensity_t WHERE "id" IS NOT NULL) AS s WHERE s.__row = 1;
-- unpivot
SELECT s.id, CAST(u.value[0] AS INTEGER) AS j, CAST(u.value[1] AS DOUBLE) AS v FROM propensity_t s, LATERAL FLATTEN(input => ARRAY_CONSTRUCT(ARRAY_CONSTRUCT(0, s."x"), ARRAY_CONSTRUCT(1, s."y"))) u;
-- values
SELECT * FROM (SELECT 0 AS j, 'a' AS name UNION ALL SELECT 1 AS j, 'b' AS name) AS t;
-- fence
SELECT * FROM (SELECT "x" FROM propensity_t) AS f;
-- createView
CREATE OR REPLACE TEMPORARY VIEW propensity_v AS SELECT * FROM propensity_t;
-- createTable (temporary)
CREATE OR REPLACE TEMPORARY TABLE propensity_tmp AS
SELECT * FROM propensity_t;
-- createTable
CREATE OR REPLACE TABLE "crm"."propensity_out" AS
SELECT * FROM propensity_t;
