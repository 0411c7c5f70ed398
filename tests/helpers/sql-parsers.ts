// Dialect-aware parsers for the engines our tests cannot run. BigQuery and Snowflake are read by
// sqlparser-rs (Apache DataFusion's SQL parser, compiled to WASM as @guanmingchiu/sqlparser-ts);
// Spark SQL by its Databricks dialect or, where that does not know a statement (INSERT
// OVERWRITE DIRECTORY … USING, `DIV`, backslash escapes in strings), by dt-sql-parser, an ANTLR
// port of Spark's own grammar. Each statement is parsed on its own; a failure says which
// statement and what each parser expected.
import { init, parse, type DialectName } from '@guanmingchiu/sqlparser-ts';
import { SparkSQL } from 'dt-sql-parser';
import type { Engine } from '../../src/lib/engine/sql/dialect';

export const PARSED_ENGINES = ['spark', 'bigquery', 'snowflake'] as const satisfies Engine[];
export type ParsedEngine = (typeof PARSED_ENGINES)[number];

let ready: Promise<void> | null = null;
const sparkGrammar = new SparkSQL();

/** The statements of one of our scripts: each ends with `;` at the end of a line. */
export function splitStatements(script: string): string[] {
	return script
		.split(/;[ \t]*\n/)
		.map((s) =>
			s
				.split('\n')
				.filter((l) => !l.startsWith('--'))
				.join('\n')
				.trim()
		)
		.filter(Boolean);
}

/**
 * Snowflake's CREATE FUNCTION, which sqlparser-rs does not know in its Snowflake dialect: the
 * statement's form is matched against Snowflake's documented syntax, and its body (an
 * expression over the argument) is parsed as a select.
 */
const SNOWFLAKE_FUNCTION =
	/^CREATE OR REPLACE TEMPORARY FUNCTION \w+\((\w+) DOUBLE\) RETURNS DOUBLE AS \$\$ ([^$]+) \$\$$/;

/** What the parser found wrong in `statement`, or null when it reads it. */
async function problem(engine: ParsedEngine, statement: string): Promise<string | null> {
	ready ??= init();
	await ready;
	const read = (text: string, dialect: DialectName) => {
		try {
			parse(text, dialect);
			return null;
		} catch (e) {
			return String((e as Error).message);
		}
	};
	if (engine === 'snowflake' && statement.includes(' FUNCTION ')) {
		const m = SNOWFLAKE_FUNCTION.exec(statement);
		return m ? read(`SELECT ${m[2]} FROM t`, 'snowflake') : 'not a CREATE FUNCTION we write';
	}
	if (engine !== 'spark') return read(statement, engine);
	const databricks = read(statement, 'databricks');
	if (!databricks) return null;
	const errors = sparkGrammar.validate(statement);
	return errors.length ? `${databricks}; Spark grammar: ${errors[0]!.message}` : null;
}

/** How many statements of `script` the engine's parser read (all of them), or an error. */
export async function parseScript(engine: ParsedEngine, script: string): Promise<number> {
	const statements = splitStatements(script);
	for (const s of statements) {
		const p = await problem(engine, s);
		if (p) throw new Error(`${engine}: ${p}\nin: ${s.slice(0, 300)}`);
	}
	return statements.length;
}

/** Statements our scripts end (a `;` ending a line), which every parser must read as many of. */
export function countStatements(script: string): number {
	return script.split('\n').filter((l) => !l.startsWith('--') && /;\s*$/.test(l)).length;
}
