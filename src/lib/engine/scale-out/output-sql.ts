// score.sql's last statement: the output schema (docs/output-schema.md) from the scored
// profiles, with percentiles, buckets, top factors and top factor groups computed as the app
// computes them.
import { IMPORTANCE_AT } from '../explain/factors';
import { grouping } from '../features/groups';
import type { FeatureDef } from '../features/spec';
import { BUCKET_ABOVE } from '../scores';
import type { Dialect } from '../sql/dialect';
import type { GoalKind } from '../types';
import { contributionColumn, valueColumn } from './model-sql';

/** Factors per profile in the output, as in the app's exports. */
const FACTORS = 3;

export interface OutputInput {
	/** The features in the model's order, keys, names and groups as the output writes them. */
	features: Pick<FeatureDef, 'key' | 'name' | 'group'>[];
	kind: GoalKind;
	modelId: string;
}

/**
 * The output table's select over `propensity_scored` (one row per profile: its probability and
 * each feature's value and contribution) and `propensity_cutoff`: score, percentile and bucket
 * over everyone scored, the three largest factors, the propensity type, score date and model id.
 */
export function outputSql(d: Dialect, input: OutputInput): string {
	const cols = input.features.length;
	const names = d.values(
		['j', 'feature', 'name'],
		input.features.map((f, j) => [String(j), d.literal(f.key), d.literal(f.name)])
	);
	const importance = (v: string) =>
		`CASE WHEN ${v} IS NULL THEN NULL ` +
		`WHEN abs(${v}) >= ${IMPORTANCE_AT.high} THEN 'high' WHEN abs(${v}) >= ${IMPORTANCE_AT.medium} THEN 'medium' ` +
		`ELSE 'low' END`;
	const factorCols = Array.from({ length: FACTORS }, (_, i) => {
		const k = i + 1;
		const at = `f${k}`;
		return (
			`${at}.feature AS factor_${k}, ${at}.name AS factor_${k}_name, ${at}.x AS factor_${k}_value, ` +
			`${at}.v AS factor_${k}_contribution, ${importance(`${at}.v`)} AS factor_${k}_importance`
		);
	});
	const groupCols = Array.from({ length: FACTORS }, (_, i) => {
		const k = i + 1;
		const at = `g${k}`;
		return (
			`${at}.grp AS factor_group_${k}, ${at}.name AS factor_group_${k}_name, ` +
			`${at}.v AS factor_group_${k}_contribution, ${importance(`${at}.v`)} AS factor_group_${k}_importance`
		);
	});
	const factorJoins = Array.from({ length: FACTORS }, (_, i) =>
		[
			`LEFT JOIN top f${i + 1} ON f${i + 1}.customer_id = r.customer_id AND f${i + 1}.k = ${i + 1}`,
			`LEFT JOIN gtop g${i + 1} ON g${i + 1}.customer_id = r.customer_id AND g${i + 1}.k = ${i + 1}`
		].join(' ')
	);
	// A group's contribution: its members' summed in feature order, as the app sums them.
	const g = grouping(input.features);
	const groupNames = d.values(
		['g', 'grp', 'name'],
		g.groups.map((x, i) => [String(i), d.literal(x.key), d.literal(x.name)])
	);
	const groupLong = d.unpivot(
		'propensity_scored',
		'customer_id',
		[
			{ name: 'g', type: 'INTEGER' },
			{ name: 'v', type: 'DOUBLE' }
		],
		g.members.map((m, i) => [
			String(i),
			`(${m.map((j) => `s.${contributionColumn(j)}`).join(' + ')})`
		])
	);
	// One row per (profile, feature): its index, value and contribution.
	const long = d.unpivot(
		'propensity_scored',
		'customer_id',
		[
			{ name: 'j', type: 'INTEGER' },
			{ name: 'x', type: 'DOUBLE' },
			{ name: 'v', type: 'DOUBLE' }
		],
		Array.from({ length: cols }, (_, j) => [
			String(j),
			`s.${valueColumn(j)}`,
			`s.${contributionColumn(j)}`
		])
	);
	const score = d.round(`100 * (r.probability - __lo) / (__hi - __lo)`);
	const cutoffDay = d.cast(d.fromEpochMs(d.cast('__cutoff_t', 'BIGINT')), 'DATE');
	return (
		// Percentile as the app computes it: 100 × (profiles at or below) / profiles, rounded up.
		`WITH ranked AS (SELECT *, greatest(1, ceil(${d.div('100 * __at_or_below', '__n')})) AS __pct FROM (` +
		`SELECT customer_id, probability, count(*) OVER (ORDER BY probability) AS __at_or_below, ` +
		`count(*) OVER () AS __n, min(probability) OVER () AS __lo, max(probability) OVER () AS __hi ` +
		`FROM propensity_scored) AS __counted),\n` +
		`names AS (${names}),\n` +
		// Ties: the earlier feature first, as the app's topFactors keeps them.
		`top AS (SELECT u.customer_id, u.k, u.x, u.v, n.feature, n.name FROM (SELECT *, row_number() OVER ` +
		`(PARTITION BY customer_id ORDER BY abs(v) DESC, j) AS k FROM (${long}) AS __long) AS u ` +
		`JOIN names n ON n.j = u.j WHERE u.k <= ${FACTORS}),\n` +
		`group_names AS (${groupNames}),\n` +
		// Ties: the earlier group first, as the app's groupExplainer keeps them.
		`gtop AS (SELECT u.customer_id, u.k, u.v, n.grp, n.name FROM (SELECT *, row_number() OVER ` +
		`(PARTITION BY customer_id ORDER BY abs(v) DESC, g) AS k FROM (${groupLong}) AS __glong) AS u ` +
		`JOIN group_names n ON n.g = u.g WHERE u.k <= ${FACTORS})\n` +
		`SELECT r.customer_id, r.probability, ` +
		`CAST(CASE WHEN __hi > __lo THEN ${score} ELSE 50 END AS INTEGER) AS score, ` +
		`CAST(__pct AS INTEGER) AS percentile, ` +
		`CASE WHEN __pct > ${BUCKET_ABOVE.high} THEN 'high' WHEN __pct > ${BUCKET_ABOVE.medium} THEN 'medium' ` +
		`ELSE 'low' END AS bucket, ` +
		`${d.literal(input.kind)} AS propensity_type, ` +
		`(SELECT ${cutoffDay} FROM propensity_cutoff) AS score_date, ` +
		`${d.literal(input.modelId)} AS model_id, ${factorCols.join(', ')}, ${groupCols.join(', ')}\n` +
		`FROM ranked r ${factorJoins.join(' ')}\nORDER BY r.probability DESC, r.customer_id`
	);
}
