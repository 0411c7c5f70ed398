// Scored profiles in the documented output schema (docs/output-schema.md): the columns, and the
// CSV (RFC 4180, every cell through `csvField`, so no text cell starts a spreadsheet formula) and
// JSON texts, made a row at a time so a large export never needs a large string (the writer
// encodes each row into its part's bytes as it comes). JSON (and Parquet) hold the text exactly
// as it is.
import type { ProfileFactors } from '../explain/profile-factors';
import type { ProfileGroups } from '../explain/profile-groups';
import type { Bucket, GoalKind } from '../types';
import { csvField } from './csv-field';

export { csvField };

export interface ScoredProfiles {
	customerIds: string[];
	probability: Float32Array;
	score: Uint8Array;
	percentile: Uint8Array;
	bucket: Bucket[];
	/** Top factors per profile, largest contribution first (made when asked). */
	factors: ProfileFactors;
	/** Top factor groups per profile, largest contribution first (made when asked). */
	groups: ProfileGroups;
}

/** What every exported row shares: the kind of propensity, when it was scored, by which model. */
export interface ScoreContext {
	propensityType: GoalKind;
	/** ISO date of the scoring cutoff. */
	scoreDate: string;
	modelId: string;
}

export const FACTORS_IN_EXPORT = 3;

/**
 * Rows (pieces of text) per part of an export: one Blob part, made in one task of the page's
 * thread. 4,000 rows took 200–300 ms at 10 M events (docs/BENCHMARKS.md, session 9), 2,000 up to
 * 215 ms on a slower machine with a collection of the heap in it (session 12).
 */
export const EXPORT_PART_ROWS = 1_000;

/**
 * What an export is written from: text (a row at most), or a block of bytes (a row group); an
 * empty block is a point to pause at (work done, nothing to write yet).
 */
export type ExportPiece = string | Uint8Array;

/**
 * Rows per Parquet row group: each is encoded and handed on by itself, so memory stays bounded.
 * The page gathers a group's rows in slices and encodes it in a worker (writers/): encoded here,
 * 50,000 rows held the page's thread for 600–1,300 ms, and groups of 10,000 made the file twice
 * the size (docs/BENCHMARKS.md, session 14).
 */
export const PARQUET_GROUP_ROWS = 50_000;

export function scoresCsvHeader(): string[] {
	const cols = [
		'customer_id',
		'probability',
		'score',
		'percentile',
		'bucket',
		'propensity_type',
		'score_date',
		'model_id'
	];
	for (let k = 1; k <= FACTORS_IN_EXPORT; k++)
		cols.push(
			`factor_${k}`,
			`factor_${k}_name`,
			`factor_${k}_value`,
			`factor_${k}_contribution`,
			`factor_${k}_importance`,
			`factor_${k}_sentence`
		);
	for (let k = 1; k <= FACTORS_IN_EXPORT; k++)
		cols.push(
			`factor_group_${k}`,
			`factor_group_${k}_name`,
			`factor_group_${k}_contribution`,
			`factor_group_${k}_importance`,
			`factor_group_${k}_sentence`
		);
	return cols;
}

/** A factor's value as written: 4 decimals, and null (empty in CSV) when unknown. */
function factorValue(x: number): number | null {
	return isFinite(x) ? +x.toFixed(4) : null;
}

/**
 * A memoised `csvField` for the text cells that repeat across rows (factor keys, names and
 * sentences): a million rows hold few distinct ones, and escaping each once (rather than two
 * regular expressions per cell per row) was most of the export's time.
 */
function repeatedCells(): (text: string) => string {
	const memo = new Map<string, string>();
	return (text) => {
		let cell = memo.get(text);
		if (cell === undefined) {
			cell = csvField(text);
			if (memo.size < 100_000) memo.set(text, cell);
		}
		return cell;
	};
}

// Cells of fixed form (numbers we format, buckets, kinds, dates, hex ids, importances) need no
// escaping: they are written as they are.
function csvRow(
	s: ScoredProfiles,
	i: number,
	fixed: string,
	cell: (text: string) => string
): string {
	let row = `${csvField(s.customerIds[i]!)},${s.probability[i]!.toFixed(6)},${s.score[i]!},${s.percentile[i]!},${s.bucket[i]!},${fixed}`;
	const factors = s.factors.of(i);
	for (let f = 0; f < FACTORS_IN_EXPORT; f++) {
		const x = factors[f];
		if (x)
			row += `,${cell(x.key)},${cell(x.name)},${factorValue(x.value) ?? ''},${+x.contribution.toFixed(4)},${x.importance},${cell(x.sentence)}`;
		else row += ',,,,,,';
	}
	const groups = s.groups.of(i);
	for (let g = 0; g < FACTORS_IN_EXPORT; g++) {
		const x = groups[g];
		if (x)
			row += `,${cell(x.key)},${cell(x.name)},${+x.contribution.toFixed(4)},${x.importance},${cell(x.sentence)}`;
		else row += ',,,,,';
	}
	return row;
}

/** The CSV, a line at a time: the header, then one line per row, in the order of `rows`. */
export function* scoresCsvParts(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): Generator<string> {
	yield scoresCsvHeader().map(csvField).join(',') + '\n';
	const fixed = [ctx.propensityType, ctx.scoreDate, ctx.modelId].map(csvField).join(',');
	const cell = repeatedCells();
	for (let k = 0; k < rows.length; k++) yield csvRow(s, rows[k]!, fixed, cell) + '\n';
}

/** One profile as the JSON export writes it: the factors as a list. */
export function scoreRecord(s: ScoredProfiles, i: number, ctx: ScoreContext) {
	return {
		customer_id: s.customerIds[i]!,
		probability: +s.probability[i]!.toFixed(6),
		score: s.score[i]!,
		percentile: s.percentile[i]!,
		bucket: s.bucket[i]!,
		propensity_type: ctx.propensityType,
		score_date: ctx.scoreDate,
		model_id: ctx.modelId,
		factors: s.factors
			.of(i)
			.slice(0, FACTORS_IN_EXPORT)
			.map((f) => ({
				feature: f.key,
				name: f.name,
				value: factorValue(f.value),
				contribution: +f.contribution.toFixed(4),
				importance: f.importance,
				sentence: f.sentence
			})),
		factor_groups: s.groups
			.of(i)
			.slice(0, FACTORS_IN_EXPORT)
			.map((g) => ({
				group: g.key,
				name: g.name,
				contribution: +g.contribution.toFixed(4),
				importance: g.importance,
				sentence: g.sentence
			}))
	};
}

/** A JSON array of records, a record at a time (joined, the pieces are one JSON document). */
export function* scoresJsonParts(
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	ctx: ScoreContext
): Generator<string> {
	yield '[';
	for (let k = 0; k < rows.length; k++)
		yield (k ? ',\n' : '\n') + JSON.stringify(scoreRecord(s, rows[k]!, ctx));
	yield '\n]\n';
}
