// Guessing and previewing how a text timestamp column parses: every candidate format is tried on
// a sample and the one that reads the most values wins. Day-first and month-first dates that
// both read every value (no day above 12) are ambiguous: month-first is chosen and flagged.
import { quoteIdent, quoteLiteral } from '../engine/sql/quote';
import { TEXT_FORMATS, timestampExpr } from '../engine/ingest/plan';
import type { ColumnInfo } from '../engine/types';
import { firstRow, toRows } from './rows';
import type { Db } from './types';

const SAMPLE = 10_000;

export interface FormatGuess {
	/** null: ISO 8601 (or nothing parses). */
	format: string | null;
	/** Share of sampled values the chosen format reads. */
	parsed: number;
	/** Day-first and month-first both read every value. */
	ambiguous: boolean;
}

export async function guessTimestampFormat(
	db: Db,
	relation: string,
	column: string
): Promise<FormatGuess> {
	const c = quoteIdent(column);
	const sample = `(SELECT CAST(${c} AS VARCHAR) AS v FROM ${relation} WHERE ${c} IS NOT NULL LIMIT ${SAMPLE})`;
	// ISO 8601 (with an optional offset) is tried by casting; the others with strptime.
	const iso = `count(TRY_CAST(TRY_CAST(v AS TIMESTAMPTZ) AS TIMESTAMP)) AS f0`;
	// ISO is first and wins ties, so when it reads every sampled value no other format can win:
	// the 13 strptime tries (0.5-1.9 s of a 1 M-event NDJSON load) are skipped.
	const first = firstRow(await db.query(`SELECT count(*) AS n, ${iso} FROM ${sample}`));
	if (Number(first.n) > 0 && Number(first.f0) === Number(first.n))
		return { format: null, parsed: 1, ambiguous: false };
	const tries = [
		iso,
		...TEXT_FORMATS.map((f, i) => `count(try_strptime(v, ${quoteLiteral(f)})) AS f${i + 1}`)
	];
	const r = firstRow(await db.query(`SELECT count(*) AS n, ${tries.join(', ')} FROM ${sample}`));
	const n = Number(r.n);
	const counts = [null, ...TEXT_FORMATS].map((format, i) => ({
		format,
		count: Number(r[`f${i}`])
	}));
	const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
	const count = (f: string) => counts.find((x) => x.format === f)!.count;
	const dayFirst = best.format?.replace('%m/%d', '%d/%m') ?? '';
	const ambiguous = !!best.format?.startsWith('%m/%d') && count(dayFirst) === best.count;
	return { format: best.format, parsed: n ? best.count / n : 0, ambiguous };
}

/** The first distinct values of a timestamp column and what they parse to (epoch ms or null). */
export async function previewTimestamps(
	db: Db,
	relation: string,
	column: ColumnInfo,
	format: string | null,
	limit = 6
): Promise<{ raw: string; parsed: number | null }[]> {
	const c = quoteIdent(column.name);
	const rows = toRows(
		await db.query(
			// In the order the file has them: a DISTINCT alone gives any order on several threads.
			`SELECT raw, epoch_ms(${timestampExpr({ name: 'raw', type: 'VARCHAR' }, format)}) AS parsed ` +
				`FROM (SELECT CAST(${c} AS VARCHAR) AS raw, min(i) AS i FROM (SELECT ${c}, row_number() OVER () AS i ` +
				`FROM (SELECT ${c} FROM ${relation} WHERE ${c} IS NOT NULL LIMIT 1000)) GROUP BY 1) ORDER BY i LIMIT ${limit}`
		)
	);
	return rows.map((r) => ({
		raw: String(r.raw),
		parsed: r.parsed == null ? null : Number(r.parsed)
	}));
}

/** The largest absolute value of a numeric timestamp column, which tells its Unix time unit. */
export async function timestampMagnitude(
	db: Db,
	relation: string,
	column: string
): Promise<number> {
	const c = quoteIdent(column);
	return Number(firstRow(await db.query(`SELECT max(abs(${c})) AS m FROM ${relation}`)).m ?? 0);
}
