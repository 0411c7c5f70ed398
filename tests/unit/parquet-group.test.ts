import { describe, expect, it } from 'vitest';
import type { Factor } from '../../src/lib/engine/explain/factors';
import type { GroupFactor } from '../../src/lib/engine/explain/groups';
import { listedFactors } from '../../src/lib/engine/explain/profile-factors';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import { FACTORS_IN_EXPORT, type ScoredProfiles } from '../../src/lib/engine/export/csv';
import {
	columnData,
	compactGroup,
	gather,
	groupBuffers,
	groupTables
} from '../../src/lib/engine/export/parquet-group';
import type { Bucket, Importance } from '../../src/lib/engine/types';

const LEVELS: Importance[] = ['high', 'medium', 'low'];
const BUCKETS: Bucket[] = ['high', 'medium', 'low'];
const n = 230;
const factor = (k: number, i: number): Factor => ({
	key: `type:e${k}:count_30d`,
	name: `E${k} in 30 days`,
	value: i % 7 === 0 ? NaN : (i * 3) % 11,
	contribution: ((i * 7) % 13) / 10 - 0.6,
	importance: LEVELS[(i + k) % 3]!,
	direction: 'raises',
	sentence: `${i % 11} e${k} “lately”`
});
const group = (k: number, i: number): GroupFactor => ({
	key: `type:e${k}`,
	name: `E${k} activity`,
	contribution: ((i * 5) % 11) / 10 - 0.5,
	importance: LEVELS[(i + 2 * k) % 3]!,
	direction: 'lowers',
	sentence: `${i % 5} e${k}, ${i % 9} days ago`
});
// Every count of reasons from none to three, and unknown values.
const profiles: ScoredProfiles = {
	customerIds: Array.from({ length: n }, (_, i) => `c${i}`),
	probability: Float32Array.from({ length: n }, (_, i) => i / n),
	score: Uint8Array.from({ length: n }, (_, i) => i % 101),
	percentile: Uint8Array.from({ length: n }, (_, i) => 1 + (i % 100)),
	bucket: Array.from({ length: n }, (_, i) => BUCKETS[i % 3]!),
	factors: listedFactors(
		Array.from({ length: n }, (_, i) =>
			Array.from({ length: i % 4 }, (_, m) => factor((i + m) % 9, i))
		)
	),
	groups: listedGroups(
		Array.from({ length: n }, (_, i) =>
			Array.from({ length: (i + 1) % 4 }, (_, m) => group((i + m) % 5, i))
		)
	)
};
const ctx = { propensityType: 'churn' as const, scoreDate: '2026-02-01', modelId: 'f00d' };

describe('a Parquet row group gathered compactly', () => {
	it("gives the writer every row's columns and reasons as the profiles have them", () => {
		const rows = Int32Array.from({ length: n }, (_, k) => (k * 7) % n);
		const first = 30;
		const g = compactGroup(n - first);
		// Gathered in uneven slices, as the export does between pauses.
		for (let from = first; from < n; from += 64)
			gather(g, profiles, rows, first, from, Math.min(n, from + 64));
		const columns = Object.fromEntries(
			columnData(g, groupTables(profiles, ctx)).map((c) => [c.name, c.data as unknown[]])
		);
		let compared = 0;
		for (let k = first; k < n; k++) {
			const i = rows[k]!;
			const r = k - first;
			expect(columns['customer_id']![r]).toBe(profiles.customerIds[i]);
			expect(columns['probability']![r]).toBe(profiles.probability[i]);
			expect(columns['score']![r]).toBe(profiles.score[i]);
			expect(columns['percentile']![r]).toBe(profiles.percentile[i]);
			expect(columns['bucket']![r]).toBe(profiles.bucket[i]);
			expect(columns['propensity_type']![r]).toBe('churn');
			expect(columns['score_date']![r]).toEqual(new Date('2026-02-01'));
			expect(columns['model_id']![r]).toBe('f00d');
			expect(columns['factors']![r]).toEqual(
				profiles.factors
					.of(i)
					.slice(0, FACTORS_IN_EXPORT)
					.map((f) => ({
						key: f.key,
						name: f.name,
						value: isFinite(f.value) ? f.value : null,
						contribution: f.contribution,
						importance: f.importance,
						sentence: f.sentence
					}))
			);
			expect(columns['factor_groups']![r]).toEqual(
				profiles.groups.of(i).map((x) => ({
					key: x.key,
					name: x.name,
					contribution: x.contribution,
					importance: x.importance,
					sentence: x.sentence
				}))
			);
			compared++;
		}
		expect(compared).toBe(n - first);
		// Only the typed arrays move to the worker; the text is copied.
		expect(groupBuffers(g)).toHaveLength(11);
		expect(groupBuffers(g).every((b) => b instanceof ArrayBuffer)).toBe(true);
	});
});
