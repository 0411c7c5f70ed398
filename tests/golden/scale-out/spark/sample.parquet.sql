-- Every event of 5 % of the customers of an events table, chosen by a hash of the
-- customer id (the same table gives the same customers every run), for Propensity Lab.
-- Written for Spark SQL. Run the whole file in a SQL notebook cell or with spark-sql -f,
-- then open the file it writes in the app.
--
-- Parameters:
-- 1. The events table (one row per event).
CREATE OR REPLACE TEMPORARY VIEW propensity_source AS SELECT * FROM `analytics`.`events`;
-- 2. The share of customers to keep (above 0, at most 1).
DROP VIEW IF EXISTS propensity_sample_params;
CACHE TABLE propensity_sample_params AS
SELECT CAST('0.05' AS DOUBLE) AS share;
-- 3. Where the Parquet file is written: /tmp/propensity_sample, in the last statement.
--    Spark writes a directory of part files there (a path of your cluster, e.g. dbfs:/… or s3://…): open them all in the app.

-- Times are read and written in UTC, as the app reads them.
SET TIME ZONE 'UTC';
-- The sample: every event of the customers whose id hashes below the share.
CREATE OR REPLACE TEMPORARY VIEW propensity_sample AS SELECT * FROM propensity_source WHERE CAST(conv(substr(md5(CAST(`user_id` AS STRING)), 1, 8), 16, 10) AS BIGINT) % 1000000 < (SELECT share FROM propensity_sample_params) * 1000000;
INSERT OVERWRITE DIRECTORY '/tmp/propensity_sample' USING parquet
SELECT * FROM propensity_sample;
