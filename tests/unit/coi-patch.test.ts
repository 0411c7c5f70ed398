// The mends to duckdb-wasm's threaded bundle (src/lib/db/coi-patch.ts) against the installed
// package: every anchor is found once, and the patched glue's views follow a memory that grows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
	applyPatches,
	MAIN_WORKER_PATCHES,
	PTHREAD_WORKER_PATCHES,
	type TextPatch
} from '../../src/lib/db/coi-patch';

const require = createRequire(import.meta.url);
const script = (name: string) =>
	readFileSync(require.resolve(`@duckdb/duckdb-wasm/dist/${name}`), 'utf8');
const MAIN = script('duckdb-browser-coi.worker.js');
const PTHREAD = script('duckdb-browser-coi.pthread.worker.js');

function patched(source: string, patches: TextPatch[]): string {
	const r = applyPatches(source, patches);
	if ('missing' in r) throw new Error(`missing: ${r.missing.join(', ')}`);
	return r.text;
}

/**
 * The installed glue's own view code (declarations, updateMemoryViews, GROWABLE_HEAP_*), run
 * over a real shared memory: what `Module.HEAPU8` is after another thread grows the memory.
 */
function viewsAfterGrowth(source: string): { before: number; after: number; pages: number } {
	const decl =
		/var HEAP,HEAP8,[^;]*;function updateMemoryViews\(\)\{[^}]*\}(Object\.defineProperties\(Module,\{.*?\}\}\}\);)?/.exec(
			source
		)![0];
	const growable = source.match(/function GROWABLE_HEAP_[A-Z0-9]+\(\)\{return [^}]*\}/g)!;
	expect(growable).toHaveLength(8);
	const run = new Function(
		'wasmMemory',
		`var Module={};${decl}${growable.join('')}updateMemoryViews();var before=Module.HEAPU8.length;` +
			// What a pthread does: the memory grows, and this thread's glue is not told.
			`wasmMemory.grow(1);return {before:before,after:Module.HEAPU8.length,f64:Module.HEAPF64.length*8};`
	) as (m: WebAssembly.Memory) => { before: number; after: number; f64: number };
	const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
	const r = run(memory);
	expect(r.f64).toBe(r.after);
	return { before: r.before, after: r.after, pages: memory.buffer.byteLength / 65536 };
}

describe('duckdb-wasm threaded bundle mends', () => {
	it('every anchor occurs once in the installed worker scripts', () => {
		expect(applyPatches(MAIN, MAIN_WORKER_PATCHES)).toHaveProperty('text');
		expect(applyPatches(PTHREAD, PTHREAD_WORKER_PATCHES)).toHaveProperty('text');
	});

	it('names what it cannot apply, and applies nothing then', () => {
		expect(applyPatches('no anchors here', MAIN_WORKER_PATCHES)).toEqual({
			missing: MAIN_WORKER_PATCHES.map((p) => p.name)
		});
		const twice = MAIN + MAIN_WORKER_PATCHES[1]!.find;
		expect(applyPatches(twice, MAIN_WORKER_PATCHES)).toEqual({
			missing: ['files for idle pthreads']
		});
	});

	it('the unpatched glue keeps a short view once the memory grows (duckdb-wasm#2256)', () => {
		const r = viewsAfterGrowth(MAIN);
		expect(r.pages).toBe(2);
		expect(r.after).toBe(65536);
	});

	it('the patched glue gives views of the whole grown memory, in both scripts', () => {
		for (const text of [
			patched(MAIN, MAIN_WORKER_PATCHES),
			patched(PTHREAD, PTHREAD_WORKER_PATCHES)
		]) {
			const r = viewsAfterGrowth(text);
			expect(r.before).toBe(65536);
			expect(r.after).toBe(2 * 65536);
		}
	});

	it('idle and newly started pthreads are told of registered files, not told to drop them', () => {
		const text = patched(MAIN, MAIN_WORKER_PATCHES);
		expect(text).not.toContain('unusedWorkers)u.postMessage({cmd:"dropFileHandle"');
		expect(text).toContain(
			'unusedWorkers)u.postMessage({cmd:"registerFileHandle",fileName:e,fileHandle:t})'
		);
		const allocate = /allocateUnusedWorker\(\)\{[^}]*\}\)[^}]*\}/.exec(text)![0];
		expect(allocate).toContain('cmd:"registerFileHandle"');
	});
});
