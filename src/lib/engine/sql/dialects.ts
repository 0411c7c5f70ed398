// The engines a scale-out script can be written for, by name.
import { ENGINES, type Dialect, type Engine } from './dialect';
import { DUCKDB } from './duckdb';
import { POSTGRES } from './postgres';
import { SPARK } from './spark';
import { BIGQUERY } from './bigquery';
import { SNOWFLAKE } from './snowflake';

export { DUCKDB, POSTGRES, SPARK, BIGQUERY, SNOWFLAKE };

const BY_NAME: Record<Engine, Dialect> = {
	duckdb: DUCKDB,
	postgres: POSTGRES,
	spark: SPARK,
	bigquery: BIGQUERY,
	snowflake: SNOWFLAKE
};

/** Every engine, in the order the app offers them. */
export const DIALECTS: Dialect[] = ENGINES.map((e) => BY_NAME[e]);

/** The dialect named `name`, or an error that says which engines there are. */
export function dialectFor(name: string): Dialect {
	const d = (BY_NAME as Record<string, Dialect | undefined>)[name];
	if (d) return d;
	throw new Error(`No SQL dialect for "${name}": the engines supported are ${ENGINES.join(', ')}.`);
}
