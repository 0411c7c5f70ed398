// Runs in the page (page.evaluate): repeats the scored profiles, ids made unique, to n rows in
// probability order as given, so exports and the table can be timed and cancelled at a scale
// the demo does not reach. Used by the bench and the e2e tests. No named function inside: tsx
// would wrap it in a helper the page lacks.
import type { ProjectState } from '../src/lib/state/project.svelte';

export function repeatScores(n: number): void {
	const run = (window as unknown as { propensityLab: ProjectState }).propensityLab.run;
	const r = run.result!;
	const p = r.profiles;
	const m = p.customerIds.length;
	run.result = {
		...r,
		profiles: {
			customerIds: Array.from({ length: n }, (_, i) => `${p.customerIds[i % m]}-${(i / m) | 0}`),
			probability: Float32Array.from({ length: n }, (_, i) => p.probability[i % m]!),
			score: Uint8Array.from({ length: n }, (_, i) => p.score[i % m]!),
			percentile: Uint8Array.from({ length: n }, (_, i) => p.percentile[i % m]!),
			bucket: Array.from({ length: n }, (_, i) => p.bucket[i % m]!),
			factors: {
				features: p.factors.features,
				top: Int16Array.from({ length: n }, (_, i) => p.factors.top[i % m]!),
				of: (i: number) => p.factors.of(i % m)
			},
			groups: {
				groups: p.groups.groups,
				top: Int16Array.from({ length: n }, (_, i) => p.groups.top[i % m]!),
				of: (i: number) => p.groups.of(i % m)
			}
		},
		order: Int32Array.from({ length: n }, (_, i) => i)
	};
}
