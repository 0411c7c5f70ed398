// One row group of a Parquet export, gathered compactly: numbers in typed arrays, each reason's
// feature or group as an index into a table of names, and text only where it varies (ids and
// sentences). So it crosses to the encoding worker quickly (a group as objects took as long to
// clone there as to encode here), and the worker makes the writer's rows of it (`columnData`).
import { FACTORS_IN_EXPORT, type ScoreContext, type ScoredProfiles } from './csv';
import type { FactorFeature } from '../explain/profile-factors';
import type { Importance } from '../types';

const IMPORTANCES: readonly Importance[] = ['high', 'medium', 'low'];

/** A profile's reasons (factors or factor groups), FACTORS_IN_EXPORT slots a row. */
export interface CompactReasons {
	/** The reason's index into its names (−1: the slot is empty). */
	index: Int16Array;
	/** The feature's value (NaN: unknown); factors only. */
	value: Float64Array;
	contribution: Float64Array;
	/** Index into IMPORTANCES. */
	importance: Uint8Array;
	sentence: string[];
}

export interface CompactGroup {
	rows: number;
	customerIds: string[];
	probability: Float64Array;
	score: Int32Array;
	percentile: Int32Array;
	bucket: string[];
	factors: CompactReasons;
	groups: CompactReasons;
}

/** What every group shares: the names its reasons index, and what every row says alike. */
export interface GroupTables {
	features: FactorFeature[];
	groups: FactorFeature[];
	ctx: ScoreContext;
}

export function groupTables(s: ScoredProfiles, ctx: ScoreContext): GroupTables {
	// Only what a reason is named by (a feature's plan stays here).
	const pair = ({ key, name }: FactorFeature) => ({ key, name });
	return { features: s.factors.features.map(pair), groups: s.groups.groups.map(pair), ctx };
}

function reasons(size: number): CompactReasons {
	const slots = size * FACTORS_IN_EXPORT;
	return {
		index: new Int16Array(slots).fill(-1),
		value: new Float64Array(slots),
		contribution: new Float64Array(slots),
		importance: new Uint8Array(slots),
		sentence: new Array<string>(slots).fill('')
	};
}

/** A row group of `size` rows, to `gather` a slice of rows at a time. */
export function compactGroup(size: number): CompactGroup {
	return {
		rows: size,
		customerIds: [],
		probability: new Float64Array(size),
		score: new Int32Array(size),
		percentile: new Int32Array(size),
		bucket: [],
		factors: reasons(size),
		groups: reasons(size)
	};
}

/** Gathers rows `rows[from … to)` of the export as rows `from − first …` of group `g`. */
export function gather(
	g: CompactGroup,
	s: ScoredProfiles,
	rows: ArrayLike<number>,
	first: number,
	from: number,
	to: number
): void {
	const featureAt = new Map(s.factors.features.map((f, j) => [f.key, j]));
	const groupAt = new Map(s.groups.groups.map((x, j) => [x.key, j]));
	for (let k = from; k < to; k++) {
		const i = rows[k]!;
		const r = k - first;
		g.customerIds.push(s.customerIds[i]!);
		g.probability[r] = s.probability[i]!;
		g.score[r] = s.score[i]!;
		g.percentile[r] = s.percentile[i]!;
		g.bucket.push(s.bucket[i]!);
		putReasons(g.factors, r, featureAt, s.factors.of(i));
		putReasons(g.groups, r, groupAt, s.groups.of(i));
	}
}

interface Reason {
	key: string;
	value?: number;
	contribution: number;
	importance: Importance;
	sentence: string;
}

/** Row `r`'s reasons (largest first) into its slots; `at` gives each key's index. */
function putReasons(
	into: CompactReasons,
	r: number,
	at: Map<string, number>,
	list: readonly Reason[]
): void {
	for (let m = 0; m < Math.min(FACTORS_IN_EXPORT, list.length); m++) {
		const x = list[m]!;
		const slot = r * FACTORS_IN_EXPORT + m;
		into.index[slot] = at.get(x.key)!;
		into.value[slot] = x.value ?? NaN;
		into.contribution[slot] = x.contribution;
		into.importance[slot] = IMPORTANCES.indexOf(x.importance);
		into.sentence[slot] = x.sentence;
	}
}

/** The writer's columns of a group: its rows as the output schema has them. */
export function columnData(g: CompactGroup, t: GroupTables) {
	const n = g.rows;
	const rowsOf = (x: CompactReasons, names: GroupTables['features'], withValue: boolean) =>
		Array.from({ length: n }, (_, r) => {
			const list: object[] = [];
			for (let m = 0; m < FACTORS_IN_EXPORT; m++) {
				const slot = r * FACTORS_IN_EXPORT + m;
				const j = x.index[slot]!;
				if (j < 0) break;
				const value = x.value[slot]!;
				list.push({
					key: names[j]!.key,
					name: names[j]!.name,
					...(withValue && { value: isFinite(value) ? value : null }),
					contribution: x.contribution[slot]!,
					importance: IMPORTANCES[x.importance[slot]!]!,
					sentence: x.sentence[slot]!
				});
			}
			return list;
		});
	return [
		{ name: 'customer_id', data: g.customerIds },
		{ name: 'probability', data: g.probability },
		{ name: 'score', data: g.score },
		{ name: 'percentile', data: g.percentile },
		{ name: 'bucket', data: g.bucket },
		{ name: 'propensity_type', data: new Array<string>(n).fill(t.ctx.propensityType) },
		{ name: 'score_date', data: new Array<Date>(n).fill(new Date(t.ctx.scoreDate)) },
		{ name: 'model_id', data: new Array<string>(n).fill(t.ctx.modelId) },
		{ name: 'factors', data: rowsOf(g.factors, t.features, true) },
		{ name: 'factor_groups', data: rowsOf(g.groups, t.groups, false) }
	];
}

/** The typed arrays of a group, to transfer rather than copy. */
export function groupBuffers(g: CompactGroup): ArrayBuffer[] {
	const of = (x: CompactReasons) => [x.index, x.value, x.contribution, x.importance];
	return [g.probability, g.score, g.percentile, ...of(g.factors), ...of(g.groups)].map(
		(a) => a.buffer as ArrayBuffer
	);
}
