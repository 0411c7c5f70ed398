// Leakage warnings: a profile attribute or custom event that alone separates positives from
// negatives at the validation cutoff almost perfectly is usually written by the outcome itself
// (a "total orders" column exported after the window, a status set on churn), not known at the
// cutoff. Such features are flagged, with the reason, before anyone trusts the model.
import type { FeatureMatrix } from './features/matrix';
import { auc } from './metrics/classification';

/** Single-feature AUC (either direction) above which a feature is flagged. */
export const LEAKAGE_AUC = 0.95;

export interface LeakageWarning {
	key: string;
	name: string;
	/** AUC of the feature alone, oriented so that 0.5 is chance and 1 is perfect. */
	auc: number;
	message: string;
}

function isCandidate(key: string): boolean {
	return key.startsWith('attr:') || key.startsWith('custom:');
}

export function leakageWarnings(m: FeatureMatrix): LeakageWarning[] {
	const k = m.cutoffs.findIndex((c) => c.role === 'validation');
	const rows: number[] = [];
	for (let i = 0; i < m.rows; i++) if (m.cutoffIndex[i] === k) rows.push(i);
	const labels = rows.map((i) => m.labels[i]!);
	const out: LeakageWarning[] = [];
	m.features.forEach((f, j) => {
		if (!isCandidate(f.key)) return;
		// Missing values rank below every known one, so "missing" itself can be the tell.
		const x = rows.map((i) => {
			const v = m.x[i * m.cols + j]!;
			return isFinite(v) ? v : -Infinity;
		});
		const a = auc(labels, x);
		if (!isFinite(a)) return;
		const strength = Math.max(a, 1 - a);
		if (strength < LEAKAGE_AUC) return;
		const what = f.key.startsWith('attr:')
			? 'A profile attribute this predictive is usually updated by the outcome itself (for example exported after customers converted or churned), so it is not known at the cutoff.'
			: 'A custom event this predictive may be matching the goal events themselves, or fields filled in after the outcome.';
		out.push({
			key: f.key,
			name: f.name,
			auc: strength,
			message: `"${f.name}" alone predicts the outcome at the validation cutoff with AUC ${strength.toFixed(3)}. ${what} Remove it unless you are sure it is known at the cutoff.`
		});
	});
	return out;
}
