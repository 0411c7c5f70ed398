-- Every event of 5 % of the customers of an events table, chosen by a hash of the
-- customer id (the same table gives the same customers every run), for Propensity Lab.
-- Written for DuckDB. Run the whole file with the duckdb command line (duckdb my.db < file.sql) or any DuckDB client,
-- then open the file it writes in the app.
--
-- Parameters:
-- 1. The events table (one row per event).
CREATE OR REPLACE TEMP VIEW propensity_source AS SELECT * FROM "analytics.events";
-- 2. The share of customers to keep (above 0, at most 1).
CREATE OR REPLACE TEMP TABLE propensity_sample_params AS
SELECT CAST('0.05' AS DOUBLE) AS share;
-- 3. Where the Parquet file is written: propensity_sample.parquet, in the last statement.

SET TimeZone = 'UTC';
-- The sample: every event of the customers whose id hashes below the share.
CREATE OR REPLACE TEMP VIEW propensity_sample AS SELECT * FROM propensity_source WHERE hash(CAST("user_id" AS VARCHAR)) % 1000000 < (SELECT share FROM propensity_sample_params) * 1000000;
COPY (SELECT * FROM propensity_sample) TO 'propensity_sample.parquet' (FORMAT parquet);
