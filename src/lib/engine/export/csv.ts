// Scored profiles as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
import type { Factor } from '../explain/factors';
import type { Bucket } from '../types';

export interface ScoredProfiles {
	customerIds: string[];
	probability: Float32Array;
	score: Uint8Array;
	percentile: Uint8Array;
	bucket: Bucket[];
	/** Top factors per profile, largest contribution first. */
	factors: Factor[][];
}

export function csvField(x: string | number): string {
	const s = String(x);
	return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

export const FACTORS_IN_EXPORT = 3;

export function scoresCsvHeader(): string[] {
	const cols = ['customer_id', 'probability', 'score', 'percentile', 'bucket'];
	for (let k = 1; k <= FACTORS_IN_EXPORT; k++)
		cols.push(
			`factor_${k}`,
			`factor_${k}_value`,
			`factor_${k}_contribution`,
			`factor_${k}_importance`,
			`factor_${k}_sentence`
		);
	return cols;
}

/** One CSV text, rows in the order given (callers sort by probability, highest first). */
export function scoresToCsv(s: ScoredProfiles, order?: ArrayLike<number>): string {
	const lines = [scoresCsvHeader().join(',')];
	const n = s.customerIds.length;
	for (let k = 0; k < n; k++) {
		const i = order ? order[k]! : k;
		const row: (string | number)[] = [
			s.customerIds[i]!,
			s.probability[i]!.toFixed(6),
			s.score[i]!,
			s.percentile[i]!,
			s.bucket[i]!
		];
		for (let f = 0; f < FACTORS_IN_EXPORT; f++) {
			const x = s.factors[i]?.[f];
			if (x)
				row.push(x.name, +x.value.toFixed(4), +x.contribution.toFixed(4), x.importance, x.sentence);
			else row.push('', '', '', '', '');
		}
		lines.push(row.map(csvField).join(','));
	}
	return lines.join('\n') + '\n';
}
