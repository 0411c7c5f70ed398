// The additive model as SQL over a relation with the feature columns f0…f{n-1}: the arithmetic
// of ml/additive.ts scoreAdditive step for step, in the same order, rounded to single precision
// where the app stores single precision (feature values, design columns, contributions and the
// probability), so an engine gives every profile the app's probability and factors.
import type { Basis } from '../features/basis';
import { featureColumn } from '../features/matrix';
import type { Transform } from '../features/spec';
import type { Dialect } from './dialect';

/** What scoring needs of a trained model (ml/protocol.ts ModelState has it). */
export interface ScoringModel {
	basis: Basis;
	weights: ArrayLike<number>;
	bias: number;
	platt: { a: number; b: number };
}

/** Column names the model SQL adds: per feature j `__x{j}` (its single-precision value), … */
export const valueColumn = (j: number) => `__x${j}`;
/** … `__v{j}` (its contribution, single precision), and the row's `probability`. */
export const contributionColumn = (j: number) => `__v${j}`;

function shaped(d: Dialect, t: Transform, x: string): string {
	switch (t) {
		case 'log1p':
			return d.ln1p(`greatest(CAST(0 AS DOUBLE), ${x})`);
		case 'signedLog1p':
			return `sign(${x}) * ${d.ln1p(`abs(${x})`)}`;
		case 'none':
			return x;
	}
}

/**
 * Three nested selects over `relation` (which holds `customer_id` and f0…): the features as
 * the app holds them (single precision, NULL when missing), their contributions, then the
 * probability. Every other column of `relation` passes through.
 */
export function modelSelect(
	d: Dialect,
	model: ScoringModel,
	cols: number,
	relation: string
): string {
	const { basis, weights, platt } = model;
	const s = basis.standardiser;
	const n = (v: number) => d.literal(v);
	const x = Array.from({ length: cols }, (_, j) => {
		const f = d.float32(featureColumn(j));
		return `CASE WHEN ${featureColumn(j)} IS NOT NULL AND ${d.isFinite(f)} THEN ${f} END AS ${valueColumn(j)}`;
	});
	// Feature j's columns are contiguous in basis order: value, hinges, missing indicator.
	let c = 0;
	const v = Array.from({ length: cols }, (_, j) => {
		const xj = valueColumn(j);
		const z = `(CASE WHEN ${xj} IS NULL THEN CAST(0 AS DOUBLE) ELSE (${shaped(d, s.transforms[j]!, xj)} - ${n(s.means[j]!)}) / ${n(s.stds[j]!)} END)`;
		const columns = [
			z,
			...basis.knots[j]!.map((k) => `greatest(CAST(0 AS DOUBLE), ${z} - ${n(k)})`)
		];
		if (basis.missing[j]) columns.push(`CASE WHEN ${xj} IS NULL THEN 1 ELSE 0 END`);
		const terms = columns.map((col) => {
			if (basis.owner[c] !== j) throw new Error(`basis column ${c} is not feature ${j}'s`);
			const term = `${n(weights[c]!)} * ${d.float32(`${col} - ${n(basis.means[c]!)}`)}`;
			c++;
			return term;
		});
		return `${n(platt.a)} * (${terms.join(' + ')}) AS ${contributionColumn(j)}`;
	});
	if (c !== basis.owner.length) throw new Error('the basis has columns of no feature');
	const baseline = platt.a * model.bias + platt.b;
	const logit = [
		n(baseline),
		...Array.from({ length: cols }, (_, j) => contributionColumn(j))
	].join(' + ');
	const contributions = Array.from(
		{ length: cols },
		(_, j) => `${d.float32(contributionColumn(j))} AS ${contributionColumn(j)}`
	);
	const exclude = Array.from({ length: cols }, (_, j) => contributionColumn(j)).join(', ');
	// sigmoid as engine/metrics/classification.ts computes it, on each side of 0.
	return (
		`SELECT * EXCLUDE (${exclude}), ${contributions.join(', ')}, ` +
		d.float32(
			`CASE WHEN __logit >= 0 THEN 1 / (1 + exp(-__logit)) ELSE exp(__logit) / (1 + exp(__logit)) END`
		) +
		` AS probability FROM (SELECT *, ${logit} AS __logit FROM (` +
		`SELECT *, ${v.join(', ')} FROM (SELECT *, ${x.join(', ')} FROM ${relation})))`
	);
}
