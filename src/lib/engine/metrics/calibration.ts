// Platt scaling: p = sigmoid(a * logit + b), fitted by Newton's method on held-out logits.
// Being affine in the logit, it keeps per-feature contributions exact (they scale by `a`).
import { sigmoid } from './classification';

export interface Platt {
	a: number;
	b: number;
}

/** Fits `a`, `b` to minimise log loss; a small ridge keeps it stable on separable data. */
export function fitPlatt(
	labels: ArrayLike<number>,
	logits: ArrayLike<number>,
	iterations = 50
): Platt {
	let a = 1;
	let b = 0;
	const ridge = 1e-6;
	for (let it = 0; it < iterations; it++) {
		let ga = 0;
		let gb = 0;
		let haa = ridge;
		let hab = 0;
		let hbb = ridge;
		for (let i = 0; i < labels.length; i++) {
			const z = logits[i]!;
			const p = sigmoid(a * z + b);
			const r = p - labels[i]!;
			const w = Math.max(p * (1 - p), 1e-12);
			ga += r * z;
			gb += r;
			haa += w * z * z;
			hab += w * z;
			hbb += w;
		}
		const det = haa * hbb - hab * hab;
		if (!(det > 0)) break;
		const da = (hbb * ga - hab * gb) / det;
		const db = (haa * gb - hab * ga) / det;
		a -= da;
		b -= db;
		if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
	}
	return { a, b };
}
