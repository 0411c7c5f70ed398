// The additive model as SQL over a relation with the feature columns f0…f{n-1}: the arithmetic
// of ml/additive.ts scoreAdditive step for step, in the same order, rounded to single precision
// where the app stores single precision (feature values, design columns, contributions and the
// probability), so an engine gives every profile the app's probability and factors.
import type { Basis } from '../features/basis';
import { featureColumn } from '../features/matrix';
import type { Transform } from '../features/spec';
import type { Dialect } from '../sql/dialect';

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
			return d.ln1p(`greatest(${d.cast('0', 'DOUBLE')}, ${x})`);
		case 'signedLog1p':
			return `sign(${x}) * ${d.ln1p(`abs(${x})`)}`;
		case 'none':
			return x;
	}
}

/** Feature j's contribution before it is rounded to single precision (the logit sums these). */
const rawContribution = (j: number) => `__c${j}`;

/**
 * Nested selects over `relation` (which holds `customer_id` and f0…): the features as the app
 * holds them (single precision, NULL when missing), their contributions, then the probability.
 * The result has `customer_id`, the values, the contributions and `probability`.
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
	const each = (col: (j: number) => string) => Array.from({ length: cols }, (_, j) => col(j));
	const zero = d.cast('0', 'DOUBLE');
	const x = each((j) => {
		const f = d.float32(featureColumn(j));
		return `CASE WHEN ${featureColumn(j)} IS NOT NULL AND ${d.isFinite(f)} THEN ${f} END AS ${valueColumn(j)}`;
	});
	// Feature j's columns are contiguous in basis order: value, hinges, missing indicator.
	let c = 0;
	const v = each((j) => {
		const xj = valueColumn(j);
		const z = `(CASE WHEN ${xj} IS NULL THEN ${zero} ELSE (${shaped(d, s.transforms[j]!, xj)} - ${n(s.means[j]!)}) / ${n(s.stds[j]!)} END)`;
		const columns = [z, ...basis.knots[j]!.map((k) => `greatest(${zero}, ${z} - ${n(k)})`)];
		if (basis.missing[j]) columns.push(`CASE WHEN ${xj} IS NULL THEN 1 ELSE 0 END`);
		const terms = columns.map((col) => {
			if (basis.owner[c] !== j) throw new Error(`basis column ${c} is not feature ${j}'s`);
			const term = `${n(weights[c]!)} * ${d.float32(`${col} - ${n(basis.means[c]!)}`)}`;
			c++;
			return term;
		});
		return `${n(platt.a)} * (${terms.join(' + ')}) AS ${rawContribution(j)}`;
	});
	if (c !== basis.owner.length) throw new Error('the basis has columns of no feature');
	const baseline = platt.a * model.bias + platt.b;
	const logit = [n(baseline), ...each(rawContribution)].join(' + ');
	const values = each(valueColumn).join(', ');
	const raw = each(rawContribution).join(', ');
	const contributions = each((j) => `${d.float32(rawContribution(j))} AS ${contributionColumn(j)}`);
	// sigmoid as engine/metrics/classification.ts computes it, on each side of 0.
	const sigmoid = `CASE WHEN __logit >= 0 THEN 1 / (1 + ${d.exp('-__logit')}) ELSE ${d.exp('__logit')} / (1 + ${d.exp('__logit')}) END`;
	const stage1 = d.fence(`SELECT customer_id, ${x.join(', ')} FROM ${relation}`);
	const stage2 = d.fence(
		`SELECT customer_id, ${values}, ${v.join(', ')} FROM (${stage1}) AS __values`
	);
	const stage3 = d.fence(
		`SELECT customer_id, ${values}, ${raw}, ${logit} AS __logit FROM (${stage2}) AS __terms`
	);
	return (
		`SELECT customer_id, ${values}, ${contributions.join(', ')}, ${d.float32(sigmoid)} AS probability ` +
		`FROM (${stage3}) AS __logits`
	);
}
