// TF.js WASM starts each pthread from `factory.toString()` in a Blob, so the threaded factory
// must not refer to anything outside itself. It checks `typeof _scriptDir !== "undefined"`
// for a variable of its enclosing closure; the minifier knows that variable is declared and
// drops the `typeof`, so every pthread dies on "ReferenceError: e is not defined" and the
// backend never starts. We give TF.js every file path (setWasmPaths), and inside a worker
// emscripten takes its directory from self.location anyway, so the check is cut out here.
import type { Plugin } from 'vite';

const MODULE = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const CHECK = 'if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}';

export function tfjsWasmThreads(): Plugin {
	return {
		name: 'propensity-lab:tfjs-wasm-threads',
		transform(code, id) {
			if (!MODULE.test(id)) return null;
			// Fail the build, not the page, if a TF.js upgrade changes the line.
			if (!code.includes(CHECK)) this.error(`${id}: the _scriptDir check to cut out is gone`);
			return { code: code.replace(CHECK, ''), map: null };
		}
	};
}
