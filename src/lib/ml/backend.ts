// Picks the fastest TF.js backend that really works here: WebGPU on a hardware adapter, WebGL on
// a hardware renderer, else WASM (SIMD), else CPU. Each candidate must run a real op before it
// is chosen; software GPUs (SwiftShader, llvmpipe) are skipped because WASM beats them
// (../shared/STACK-NOTES.md: 7.6 s wasm vs 29.7 s webgl on the same training). WASM runs on
// several threads when the page is cross-origin isolated (SharedArrayBuffer), else on one.
import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendInfo, BackendName } from './protocol';

export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|software|basic render/i;

interface GpuAdapterLike {
	isFallbackAdapter?: boolean;
	info?: { description?: string; vendor?: string };
}

/** Why a candidate cannot be used, or null when it may be tried. */
async function precheck(name: BackendName): Promise<string | null> {
	if (name === 'webgpu') {
		const gpu = (
			navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }
		).gpu;
		if (!gpu) return 'WebGPU: not available in this browser';
		const adapter = await gpu.requestAdapter();
		if (!adapter) return 'WebGPU: no GPU adapter';
		if (adapter.isFallbackAdapter) return 'WebGPU: software adapter only';
		return null;
	}
	if (name === 'webgl') {
		if (typeof OffscreenCanvas === 'undefined') return 'WebGL: no OffscreenCanvas in workers';
		const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
		if (!gl) return 'WebGL: not available';
		const ext = gl.getExtension('WEBGL_debug_renderer_info');
		const renderer = String(
			ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)
		);
		if (SOFTWARE_RENDERER.test(renderer))
			return `WebGL: software renderer (${renderer}) is slower than WASM`;
		return null;
	}
	return null;
}

/**
 * Registers the backend. For WASM, `threads` > 1 asks for the threaded SIMD binary with that many
 * threads; it needs a cross-origin isolated worker, so without one (or with `threads` = 1) the
 * threaded binary is ruled out before TF.js probes for it.
 */
async function register(name: BackendName, threads: number): Promise<void> {
	if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
	else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
	else if (name === 'wasm') {
		const { setThreadsCount, setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
		setWasmPaths({
			'tfjs-backend-wasm.wasm': wasmPlain,
			'tfjs-backend-wasm-simd.wasm': wasmSimd,
			'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded
		});
		// TF.js's own default pool is min(4, cores / 2): one thread on a 2-core laptop.
		if (threads > 1 && globalThis.crossOriginIsolated) {
			setThreadsCount(threads);
			claimCores(threads);
		} else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
	} else await import('@tensorflow/tfjs-backend-cpu');
}

/**
 * TF.js caps its pool at hardwareConcurrency / 2 (it assumes two hyper-threads per core), read
 * once when the module starts (tfjs-backend-wasm src/cc/backend.cc, init_with_threads_count):
 * one thread on a 2-core laptop whatever setThreadsCount asks. This worker reports twice
 * `threads` until the backend is up, so the cap is `threads`; restoreCores undoes it.
 */
function claimCores(threads: number): void {
	Object.defineProperty(navigator, 'hardwareConcurrency', {
		value: 2 * threads,
		configurable: true
	});
}

function restoreCores(): void {
	delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
}

/** The WASM backend's real thread pool size once it is up (1 on every other backend). */
async function threadsOf(name: BackendName): Promise<number> {
	if (name !== 'wasm') return 1;
	const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
	return Math.max(1, getThreadsCount());
}

/** A real op with a known answer, run on the backend. */
async function smokeTest(): Promise<boolean> {
	const t = tf.tidy(() =>
		tf.sum(tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 1], [2, 1])))
	);
	const v = (await t.data())[0];
	t.dispose();
	return v === 10;
}

/**
 * Initialises the first working backend from `BACKEND_ORDER`, or only `forced` when given
 * (used by tests and the bench to pin a backend). `threads`: the most WASM may use.
 */
export async function chooseBackend(forced?: BackendName, threads = 1): Promise<BackendInfo> {
	const skipped: string[] = [];
	for (const name of forced ? [forced] : BACKEND_ORDER) {
		try {
			const reason = forced ? null : await precheck(name);
			if (reason) {
				skipped.push(reason);
				continue;
			}
			await register(name, threads);
			const isUp = await tf.setBackend(name).finally(restoreCores);
			if (isUp && (await smokeTest())) return { name, threads: await threadsOf(name), skipped };
			skipped.push(`${name}: failed its test op`);
		} catch (e) {
			skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
		}
	}
	throw new Error(`No TF.js backend works in this browser (${skipped.join('; ')}).`);
}
