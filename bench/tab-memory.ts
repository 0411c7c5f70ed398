// The peak memory of the bench's browser tab, as the operating system counts it: the largest
// VmHWM (high-water mark of resident memory) among the Chromium renderer processes started under
// this process. The page's workers (DuckDB-WASM, TF.js) live in its renderer, so this is the peak
// the whole pipeline needed, measured outside the page (a query cannot see DuckDB's peak: the
// worker is busy running the query). Linux only; null elsewhere.
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: string): string | null {
	try {
		// The command name is in parentheses and may hold spaces: the parent id follows it.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
	} catch {
		return null;
	}
}

export function rendererPeakMb(root = String(process.pid)): number | null {
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
	} catch {
		return null;
	}
	const children = new Map<string, string[]>();
	for (const pid of pids) {
		const parent = parentOf(pid);
		if (parent) children.set(parent, [...(children.get(parent) ?? []), pid]);
	}
	let peak: number | null = null;
	const stack = [...(children.get(root) ?? [])];
	while (stack.length) {
		const pid = stack.pop()!;
		stack.push(...(children.get(pid) ?? []));
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
			const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
			if (kb) peak = Math.max(peak ?? 0, Math.round(Number(kb) / 1024));
		} catch {
			// The process ended while we looked.
		}
	}
	return peak;
}
