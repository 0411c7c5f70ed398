// The fit's design matrix on the backend, in row chunks: kept as tensors up to a budget and
// rebuilt from the raw features beyond it, so any number of rows fits in memory. A kept chunk is
// held twice, as X and as Xᵀ, so that both products of an iteration are a row vector times a
// matrix the backend has already packed: logits = wᵀ·Xᵀ and gradient = rᵀ·X. TF.js's WASM
// backend (XNNPACK) packs the right-hand matrix once per tensor and reuses it, but a matrix
// times a column vector (X·w, a new w each time) runs about 4× slower than wᵀ·Xᵀ (100k × 440:
// 337 ms against 87 ms, measured 2026-12-01).
import * as tf from '@tensorflow/tfjs-core';

/** A design matrix handed over in row chunks (row-major rows × cols of each chunk). */
export interface Design {
	rows: number;
	cols: number;
	chunk(start: number, end: number): Float32Array;
}

interface Chunk {
	start: number;
	end: number;
	/** The chunk's design and its transpose on the backend, or null when rebuilt on each use. */
	kept: { x: tf.Tensor2D; xt: tf.Tensor2D } | null;
}

export interface Chunks {
	design: Design;
	list: Chunk[];
}

/** About 32 MB of float32 per chunk tensor. */
const CHUNK_VALUES = 8_000_000;

function chunkTensor(design: Design, start: number, end: number): tf.Tensor2D {
	return tf.tensor2d(design.chunk(start, end), [end - start, design.cols]);
}

/** Cuts a design into chunks, keeping on the backend as many as `budget.values` allows. */
export function toChunks(design: Design, budget: { values: number }): Chunks {
	const step = Math.max(1, Math.floor(CHUNK_VALUES / Math.max(1, design.cols)));
	const list: Chunk[] = [];
	for (let start = 0; start < design.rows; start += step) {
		const end = Math.min(design.rows, start + step);
		// X and Xᵀ.
		const size = 2 * (end - start) * design.cols;
		let kept: Chunk['kept'] = null;
		if (size <= budget.values) {
			budget.values -= size;
			const x = chunkTensor(design, start, end);
			kept = { x, xt: tf.tidy(() => tf.transpose(x)) };
		}
		list.push({ start, end, kept });
	}
	return { design, list };
}

export function disposeChunks(chunks: Chunks): void {
	for (const c of chunks.list) {
		c.kept?.x.dispose();
		c.kept?.xt.dispose();
	}
}

/**
 * Visits the chunks in order: gives `fn` the chunk's logits at (w, bias), read back; when `fn`
 * returns the chunk's residuals, adds rᵀ·X into `grad`. A chunk that is not kept is built once
 * per visit.
 */
export async function eachChunk(
	chunks: Chunks,
	w: Float64Array,
	bias: number,
	fn: (logits: Float32Array, start: number) => Float32Array | null,
	grad?: Float64Array
): Promise<void> {
	const d = chunks.design.cols;
	const wRow = tf.tensor2d(Float32Array.from(w), [1, d]);
	try {
		for (const c of chunks.list) {
			const x = c.kept?.x ?? chunkTensor(chunks.design, c.start, c.end);
			try {
				const xt = c.kept?.xt;
				const zt = tf.tidy(() =>
					tf.add(xt ? tf.matMul(wRow, xt) : tf.matMul(x, tf.reshape(wRow, [d, 1])), bias)
				);
				const logits = (await zt.data()) as Float32Array;
				zt.dispose();
				const residual = fn(logits, c.start);
				if (!residual || !grad) continue;
				const gt = tf.tidy(() => tf.matMul(tf.tensor2d(residual, [1, c.end - c.start]), x));
				const g = await gt.data();
				gt.dispose();
				for (let j = 0; j < d; j++) grad[j]! += g[j]!;
			} finally {
				if (!c.kept) x.dispose();
			}
		}
	} finally {
		wRow.dispose();
	}
}

/** The logits of every row at (w, bias). */
export async function logitsOf(
	chunks: Chunks,
	w: Float64Array,
	bias: number
): Promise<Float32Array> {
	const out = new Float32Array(chunks.design.rows);
	await eachChunk(chunks, w, bias, (logits, start) => {
		out.set(logits, start);
		return null;
	});
	return out;
}
