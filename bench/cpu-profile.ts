// --cpu-profile <file>: a sampling CPU profile of the page's main thread over the whole run
// (Chrome DevTools' .cpuprofile format, loadable in its Performance panel), and for each task
// over 200 ms that the page's long-task observer saw, the functions it spent its time in, so a
// long task can be traced to code.
// Build without minification first (`npx vite build --minify false`) for readable names.
import type { Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	parent?: number;
	children?: number[];
}
export interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface LongTask {
	/** Milliseconds from the profile's start. */
	atMs: number;
	ms: number;
	/** Where its time went: the heaviest functions, by time on the stack (inclusive), in ms. */
	heaviest: { fn: string; ms: number }[];
}

function frameName(f: CallFrame): string {
	const file = f.url.split('/').at(-1) ?? '';
	return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

/** A main-thread task as the page's long-task observer saw it (ms, the page's clock). */
export interface PageTask {
	start: number;
	duration: number;
}

/**
 * Where each of the page's `tasks` over `minMs` spent its time: the profile's samples within
 * it (`offsetMs`: the page's clock when the profile started). A function counts once per sample
 * however deep it recurses; the runtime's own entries (program, GC) are left out of `heaviest`.
 */
export function longTasks(
	profile: CpuProfile,
	tasks: PageTask[],
	offsetMs: number,
	minMs = 200,
	top = 5
): LongTask[] {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
	// Sample i stands for the time until the next one (as in DevTools); the last, for its own delta.
	const times: number[] = [];
	let at = 0;
	for (const dt of profile.timeDeltas) times.push((at += dt) / 1000 + offsetMs);
	const weight = (i: number) => (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
	return tasks
		.filter((t) => t.duration > minMs)
		.map((task) => {
			const onStack = new Map<string, number>();
			profile.samples.forEach((id, i) => {
				if (times[i]! < task.start || times[i]! >= task.start + task.duration) return;
				const seen = new Set<string>();
				for (let n = byId.get(id); n; n = n.parent ? byId.get(n.parent) : undefined) {
					const name = n.callFrame.functionName;
					if (['(root)', '(program)', '(garbage collector)', '(idle)'].includes(name)) continue;
					const key = frameName(n.callFrame);
					if (seen.has(key)) continue;
					seen.add(key);
					onStack.set(key, (onStack.get(key) ?? 0) + weight(i));
				}
			});
			const heaviest = [...onStack]
				.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
				.slice(0, top)
				.map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
			return { atMs: Math.round(task.start), ms: Math.round(task.duration), heaviest };
		});
}

/**
 * Starts sampling the page's main thread; the returned function stops, writes `file`, and says
 * where the page's long tasks spent their time.
 */
export async function startCpuProfile(
	page: Page,
	file: string
): Promise<(tasks: PageTask[]) => Promise<LongTask[]>> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
	await cdp.send('Profiler.start');
	// The page's clock when sampling began, to a round trip (a few ms: fine for 200 ms tasks).
	const offsetMs = await page.evaluate(() => performance.now());
	return async (tasks) => {
		const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
		writeFileSync(file, JSON.stringify(profile));
		return longTasks(profile, tasks, offsetMs);
	};
}
