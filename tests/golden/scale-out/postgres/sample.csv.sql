-- Every event of 5 % of the customers of an events table, chosen by a hash of the
-- customer id (the same table gives the same customers every run), for Propensity Lab.
-- Written for PostgreSQL. Run the whole file with psql (psql -f file.sql),
-- then open the file it writes in the app.
--
-- Parameters:
-- 1. The events table (one row per event).
DROP VIEW IF EXISTS propensity_source CASCADE;
CREATE TEMP VIEW propensity_source AS SELECT * FROM "analytics"."events";
-- 2. The share of customers to keep (above 0, at most 1).
DROP TABLE IF EXISTS propensity_sample_params CASCADE;
CREATE TEMP TABLE propensity_sample_params AS
SELECT CAST('0.05' AS DOUBLE PRECISION) AS share;
-- 3. Where the CSV file is written: propensity_sample.csv, in the last statement.

-- Times are read and written in UTC, as the app reads them.
SET TIME ZONE 'UTC';
-- Helpers for this session only (schema pg_temp): single precision as the app rounds it,
-- and timestamps that are NULL where the text does not parse.
CREATE OR REPLACE FUNCTION pg_temp.propensity_f32(x DOUBLE PRECISION) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN abs(x) < 1.1754943508222875e-38 THEN round(x * 7.1362384635298e+44) / 7.1362384635298e+44 WHEN abs(x) >= 3.4028235677973366e+38 THEN sign(x) * CAST('Infinity' AS DOUBLE PRECISION) ELSE CAST(CAST(x AS REAL) AS DOUBLE PRECISION) END $$;
CREATE OR REPLACE FUNCTION pg_temp.propensity_timestamp(t TEXT, f TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(to_timestamp(t, f) AS TIMESTAMP); EXCEPTION WHEN others THEN RETURN NULL; END $$;
CREATE OR REPLACE FUNCTION pg_temp.propensity_iso(t TEXT) RETURNS TIMESTAMP LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN CAST(CAST(t AS TIMESTAMPTZ) AS TIMESTAMP); EXCEPTION WHEN others THEN RETURN NULL; END $$;
-- The sample: every event of the customers whose id hashes below the share.
DROP VIEW IF EXISTS propensity_sample CASCADE;
CREATE TEMP VIEW propensity_sample AS SELECT * FROM propensity_source WHERE CAST(CAST('x' || substr(md5(CAST("user_id" AS TEXT)), 1, 8) AS BIT(32)) AS BIGINT) % 1000000 < (SELECT share FROM propensity_sample_params) * 1000000;
\copy (SELECT * FROM propensity_sample) TO 'propensity_sample.csv' WITH (FORMAT csv, HEADER true)
