// Two mends to duckdb-wasm 1.32's threaded (`coi`) bundle, applied to its worker scripts' text
// before they run (duckdb-browser.ts), so DuckDB can use every core without losing data:
// - Fresh memory views. The bindings read and write WebAssembly memory through `Module.HEAPU8`
//   (and HEAPF64, …), views the Emscripten glue renews only when its own code notices that the
//   memory grew. When a pthread grows the shared memory, the DuckDB worker keeps a short view
//   (duckdb-wasm#2256): copying a large Arrow batch in threw "offset is out of bounds", and a
//   query result read through the clamping `subarray` could come back cut short. Each view on
//   `Module` becomes a getter through the glue's own GROWABLE_HEAP_* check.
// - Files on every thread. A file registered by handle is told to the pthreads already running,
//   but the idle ones are told to drop it and the ones started later never hear of it, so a CSV
//   read on two threads failed with "No HTML5 file registered". Idle and new pthreads get every
//   registered file too.
// Every anchor must occur exactly once; where one does not (another duckdb-wasm version), the
// patch gives nothing and the app runs DuckDB single-threaded.

export interface TextPatch {
	/** What it mends, for the message when its anchor is missing. */
	name: string;
	find: string;
	replace: string;
}

const VIEWS: [string, string][] = [
	['HEAP8', 'I8'],
	['HEAP16', 'I16'],
	['HEAPU8', 'U8'],
	['HEAPU16', 'U16'],
	['HEAP32', 'I32'],
	['HEAPU32', 'U32'],
	['HEAPF32', 'F32'],
	['HEAPF64', 'F64']
];

// Before the glue first makes its views (HEAP8 unset) a getter gives undefined, as the plain
// property did; the setter keeps the glue's own `Module.HEAP8 = HEAP8 = …` working.
const FRESH_VIEWS =
	'Object.defineProperties(Module,{' +
	VIEWS.map(
		([view, kind]) =>
			`${view}:{configurable:!0,get:function(){return HEAP8&&GROWABLE_HEAP_${kind}()},set:function(){}}`
	).join(',') +
	'});';

const END_OF_VIEWS = 'Module.HEAPF64=HEAPF64=new Float64Array(e)}';

const freshViews: TextPatch = {
	name: 'fresh memory views',
	find: END_OF_VIEWS,
	replace: END_OF_VIEWS + FRESH_VIEWS
};

/** Patches for duckdb-browser-coi.worker.js (the DuckDB worker). */
export const MAIN_WORKER_PATCHES: TextPatch[] = [
	freshViews,
	{
		name: 'files for idle pthreads',
		find: 'for(let u of this.pthread.unusedWorkers)u.postMessage({cmd:"dropFileHandle",fileName:e})',
		replace:
			'for(let u of this.pthread.unusedWorkers)u.postMessage({cmd:"registerFileHandle",fileName:e,fileHandle:t})'
	},
	{
		name: 'files for new pthreads',
		find: 'e=new Worker(t),PThread.unusedWorkers.push(e)}',
		replace:
			'e=new Worker(t),((globalThis.DUCKDB_RUNTIME||{})._files||new Map).forEach(function(h,n){e.postMessage({cmd:"registerFileHandle",fileName:n,fileHandle:h})}),PThread.unusedWorkers.push(e)}'
	}
];

/** Patches for duckdb-browser-coi.pthread.worker.js (each pthread). */
export const PTHREAD_WORKER_PATCHES: TextPatch[] = [freshViews];

/** Times `find` occurs in `source`. */
function occurrences(source: string, find: string): number {
	let n = 0;
	for (let at = source.indexOf(find); at >= 0; at = source.indexOf(find, at + find.length)) n++;
	return n;
}

/**
 * `source` with every patch applied, or the names of the patches whose anchor does not occur
 * exactly once (nothing is applied then).
 */
export function applyPatches(
	source: string,
	patches: TextPatch[]
): { text: string } | { missing: string[] } {
	const missing = patches.filter((p) => occurrences(source, p.find) !== 1).map((p) => p.name);
	if (missing.length) return { missing };
	return { text: patches.reduce((s, p) => s.replace(p.find, () => p.replace), source) };
}
