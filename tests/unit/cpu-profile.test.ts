import { describe, expect, it } from 'vitest';
import { longTasks, type CpuProfile } from '../../bench/cpu-profile';

// A profile tree: root → idle, root → onClick → buildRows → numberColumn, and root → GC.
const frame = (functionName: string, lineNumber = 0) => ({
	functionName,
	url: 'http://127.0.0.1/assets/index.js',
	lineNumber
});
const profile = (samples: number[], deltaUs: number): CpuProfile => ({
	nodes: [
		{ id: 1, callFrame: frame('(root)'), children: [2, 3, 6] },
		{ id: 2, callFrame: frame('(idle)') },
		{ id: 3, callFrame: frame('onClick', 9), children: [4] },
		{ id: 4, callFrame: frame('buildRows', 19), children: [5] },
		{ id: 5, callFrame: frame('numberColumn', 29) },
		{ id: 6, callFrame: frame('(garbage collector)') }
	],
	startTime: 0,
	samples,
	timeDeltas: samples.map(() => deltaUs)
});

describe('long tasks traced in a CPU profile', () => {
	// 1 ms samples from the page's 1000 ms: idle, then 100 in onClick alone, 150 in numberColumn
	// and 50 in GC, idle, then 100 in buildRows.
	const samples = [
		2,
		...Array(100).fill(3),
		...Array(150).fill(5),
		...Array(50).fill(6),
		2,
		2,
		...Array(100).fill(4),
		2
	];
	const p = profile(samples, 1000);
	it("names where each of the page's long tasks spent its time", () => {
		const tasks = longTasks(p, [{ start: 1001, duration: 300 }], 1000, 200);
		expect(tasks).toEqual([
			{
				atMs: 1001,
				ms: 300,
				heaviest: [
					{ fn: 'onClick index.js:10', ms: 250 },
					{ fn: 'buildRows index.js:20', ms: 150 },
					{ fn: 'numberColumn index.js:30', ms: 150 }
				]
			}
		]);
	});
	it('reports only the tasks over the bound, each from its own samples', () => {
		const tasks = longTasks(
			p,
			[
				{ start: 1001, duration: 300 },
				{ start: 1304, duration: 100 }
			],
			1000,
			50
		);
		expect(tasks.map((t) => t.ms)).toEqual([300, 100]);
		expect(tasks[1]!.heaviest).toEqual([
			{ fn: 'buildRows index.js:20', ms: 100 },
			{ fn: 'onClick index.js:10', ms: 100 }
		]);
		expect(longTasks(p, [{ start: 1304, duration: 100 }], 1000, 200)).toEqual([]);
	});
});
