-- Times are read and written in UTC, as the app reads them.
SET TIME ZONE 'UTC';
-- Helpers for this session only (schema pg_temp): single precision as the app rounds it,
-- and timestamps that are NULL where the text does not parse.
CREATE OR REPLACE FUNCTION pg_temp.propensity_f32(x DOUBLE PRECISION) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN abs(x) < 1.1754943508222875e-38 THEN round(x * 7.1362384635298e+44) / 7.1362384635298e+44 WHEN abs(x) >= 3.4028235677973366e+38 THEN sign(x) * CAST('Infinity' AS DOUBLE PRECISION) ELSE CAST(CAST(x AS REAL) AS DOUBLE PRECISION) END $$;
CREATE OR REPLACE FUNCTION pg_temp.propensity_timestamp(t TEXT, f TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(to_timestamp(t, f) AS TIMESTAMP); EXCEPTION WHEN others THEN RETURN NULL; END $$;
CREATE OR REPLACE FUNCTION pg_temp.propensity_iso(t TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(CAST(t AS TIMESTAMPTZ) AS TIMESTAMP); EXCEPTION WHEN others THEN RETURN NULL; END $$;
-- literal
SELECT 'it''s', CAST('0.1' AS DOUBLE PRECISION), 42, TRUE, NULL AS v FROM "crm"."propensity_t";
-- cast
SELECT CAST("x" AS DOUBLE PRECISION), CAST("x" AS REAL), CAST("x" AS BIGINT), CAST("x" AS INTEGER), CAST("x" AS SMALLINT), CAST("x" AS TEXT), CAST("x" AS TIMESTAMP), CAST("x" AS DATE) AS v FROM "crm"."propensity_t";
-- tryDouble
SELECT CASE WHEN CAST(CAST("name" AS TEXT) AS TEXT) ~ '^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$' THEN CAST(CAST(CAST("name" AS TEXT) AS TEXT) AS DOUBLE PRECISION) END AS v FROM "crm"."propensity_t";
-- countIf
SELECT count(*) FILTER (WHERE "x" > 1) AS v FROM "crm"."propensity_t";
-- boolOr
SELECT bool_or("x" > 1) AS v FROM "crm"."propensity_t";
-- countDistinctIf
SELECT count(DISTINCT CAST("name" AS TEXT)) FILTER (WHERE "x" > 1) AS v FROM "crm"."propensity_t";
-- intDiv
SELECT CAST("ms" AS BIGINT) / 86400000 AS v FROM "crm"."propensity_t";
-- div
SELECT CAST("ms" AS DOUBLE PRECISION) / 7 AS v FROM "crm"."propensity_t";
-- round
SELECT round(CAST("x" * 1000 AS NUMERIC)) AS v FROM "crm"."propensity_t";
-- days
SELECT CAST("ms" AS DOUBLE PRECISION) / 86400000 AS v FROM "crm"."propensity_t";
-- ln1p
SELECT ln(1 + abs("x")) AS v FROM "crm"."propensity_t";
-- exp
SELECT exp(greatest(-abs("x"), -745)) AS v FROM "crm"."propensity_t";
-- float32
SELECT pg_temp.propensity_f32("x") AS v FROM "crm"."propensity_t";
-- isFinite
SELECT (abs("x") < CAST('Infinity' AS DOUBLE PRECISION)) AS v FROM "crm"."propensity_t";
-- epochMs
SELECT CAST(trunc(extract(epoch FROM CAST("ts" AS TIMESTAMP)) * 1000) AS BIGINT) AS v FROM "crm"."propensity_t";
-- fromEpochMs
SELECT (TIMESTAMP '1970-01-01 00:00:00' + CAST("ms" AS BIGINT) * INTERVAL '1 millisecond') AS v FROM "crm"."propensity_t";
-- fromEpochUs
SELECT (TIMESTAMP '1970-01-01 00:00:00' + CAST("ms" AS BIGINT) * INTERVAL '1 microsecond') AS v FROM "crm"."propensity_t";
-- weekday
SELECT CAST(extract(dow FROM (TIMESTAMP '1970-01-01 00:00:00' + CAST("ms" AS BIGINT) * INTERVAL '1 millisecond')) AS INTEGER) AS v FROM "crm"."propensity_t";
-- hour
SELECT CAST(extract(hour FROM (TIMESTAMP '1970-01-01 00:00:00' + CAST("ms" AS BIGINT) * INTERVAL '1 millisecond')) AS INTEGER) AS v FROM "crm"."propensity_t";
-- strptime
SELECT CASE WHEN CAST("name" AS TEXT) ~ '^\s*\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}\:\d{2}\:\d{2}\s*$' THEN pg_temp.propensity_timestamp(CAST("name" AS TEXT), 'DD/MM/YYYY HH24:MI:SS') END AS v FROM "crm"."propensity_t";
-- isoTimestamp
SELECT CASE WHEN CAST("name" AS TEXT) ~ '^\s*\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?\s*$' THEN pg_temp.propensity_iso(CAST("name" AS TEXT)) END AS v FROM "crm"."propensity_t";
-- contains
SELECT (strpos(CAST("name" AS TEXT), 'a') > 0) AS v FROM "crm"."propensity_t";
-- startsWith
SELECT starts_with(CAST("name" AS TEXT), 'a') AS v FROM "crm"."propensity_t";
-- endsWith
SELECT (strpos(reverse(CAST("name" AS TEXT)), reverse('a')) = 1) AS v FROM "crm"."propensity_t";
-- listLength
SELECT cardinality("tags") AS v FROM "crm"."propensity_t";
-- listFirst
SELECT "tags"[1] AS v FROM "crm"."propensity_t";
-- hashBucket
SELECT CAST(CAST('x' || substr(md5(CAST("name" AS TEXT)), 1, 8) AS BIT(32)) AS BIGINT) % 1000000 AS v FROM "crm"."propensity_t";
-- nestedField (fields)
SELECT CAST(("commerce" #>> ARRAY['order', 'priceTotal']) AS DOUBLE PRECISION) AS v FROM "crm"."propensity_t";
-- firstRowPer
SELECT CAST("id" AS TEXT) AS "__customer_id", s.* FROM (SELECT *, row_number() OVER (PARTITION BY "id" ORDER BY "id") AS __row FROM propensity_t WHERE "id" IS NOT NULL) AS s WHERE s.__row = 1;
-- unpivot
SELECT s.id, u.j, u.v FROM propensity_t s CROSS JOIN LATERAL (VALUES (0, s."x"), (1, s."y")) AS u(j, v);
-- values
SELECT * FROM (VALUES (0, 'a'), (1, 'b')) AS t(j, name);
-- fence
SELECT * FROM (SELECT "x" FROM propensity_t OFFSET 0) AS f;
-- createView
DROP VIEW IF EXISTS propensity_v CASCADE;
CREATE TEMP VIEW propensity_v AS SELECT * FROM propensity_t;
-- createTable (temporary)
DROP TABLE IF EXISTS propensity_tmp CASCADE;
CREATE TEMP TABLE propensity_tmp AS
SELECT * FROM propensity_t;
-- createTable
DROP TABLE IF EXISTS "crm"."propensity_out" CASCADE;
CREATE TABLE "crm"."propensity_out" AS
SELECT * FROM propensity_t;
