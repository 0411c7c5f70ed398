// Runs the feature-matrix query in customer partitions (a hash of the id), so that no query's
// hash aggregate or Arrow result holds more than about ROWS_PER_PART rows: DuckDB-WASM has no
// disk to spill to, so memory must be bounded by the plan (STACK-NOTES.md). Each part's rows go
// into typed arrays at once and its Arrow table is dropped. Rows come ordered by part, then by
// cutoff and customer.
import { featureColumn, type Partition } from '../engine/features/matrix';
import type { SqlFragment } from '../engine/types';
import { pacer, yieldToPage } from '../engine/slices';
import { numberColumn, stringColumn } from './rows';
import type { Db } from './types';

/** Matrix rows one query builds at most, by design (and so its memory). */
export const ROWS_PER_PART = 250_000;

export function partsFor(rows: number, perPart = ROWS_PER_PART): number {
	return Math.max(1, Math.ceil(rows / perPart));
}

export interface MatrixRows {
	cutoffIndex: Int32Array;
	customerIds: string[];
	labels: Int8Array;
	/** Row-major rows × cols (NaN = missing). */
	x: Float32Array;
	rows: number;
}

/**
 * `query(partition)` for each of `parts` partitions (one query without a partition when 1),
 * joined; `onPart(k, parts)` runs before part k and once after the last, so the caller can show
 * progress and stop between parts (by throwing).
 */
export async function queryMatrixRows(
	db: Db,
	query: (partition: Partition | undefined) => SqlFragment,
	parts: number,
	cols: number,
	onPart?: (k: number, parts: number) => void
): Promise<MatrixRows> {
	const got: MatrixRows[] = [];
	// Converting a part's columns holds the page's thread: it lets the page in every 40 ms.
	const pace = pacer(yieldToPage);
	for (let k = 0; k < parts; k++) {
		onPart?.(k, parts);
		const q = query(parts > 1 ? { index: k, count: parts } : undefined);
		const t = await db.query(q.sql, q.params);
		const rows = t.numRows;
		const x = new Float32Array(rows * cols);
		// The first write to each page of a new array is a page fault: filled column by column, the
		// first column would take them all in one task (about 100 ms for 250,000 rows × 65).
		for (let a = 0; a < x.length; a += 1 << 20) {
			x.fill(0, a, a + (1 << 20));
			await pace();
		}
		for (let j = 0; j < cols; j++) {
			await pace();
			const col = numberColumn(t, featureColumn(j));
			for (let i = 0; i < rows; i++) x[i * cols + j] = col[i]!;
		}
		await pace();
		const cutoffIndex = Int32Array.from(numberColumn(t, '__cutoff_idx'));
		await pace();
		const customerIds = stringColumn(t, 'customer_id');
		await pace();
		const labels = Int8Array.from(numberColumn(t, 'label'), (v) => (isNaN(v) ? -1 : v));
		got.push({ cutoffIndex, customerIds, labels, x, rows });
	}
	onPart?.(parts, parts);
	return got.length === 1 ? got[0]! : joinRows(got, cols, pace);
}

/** The parts' rows one after another, in one set of arrays. */
export async function joinRows(
	parts: MatrixRows[],
	cols: number,
	pace: () => Promise<void>
): Promise<MatrixRows> {
	const rows = parts.reduce((n, p) => n + p.rows, 0);
	const out: MatrixRows = {
		cutoffIndex: new Int32Array(rows),
		customerIds: [],
		labels: new Int8Array(rows),
		x: new Float32Array(rows * cols),
		rows
	};
	// A slice at a time, letting the page in between: a part's values are tens of megabytes.
	const slice = 16_384;
	let at = 0;
	for (const p of parts) {
		out.cutoffIndex.set(p.cutoffIndex, at);
		out.labels.set(p.labels, at);
		for (let i = 0; i < p.rows; i += slice) {
			const end = Math.min(p.rows, i + slice);
			out.x.set(p.x.subarray(i * cols, end * cols), (at + i) * cols);
			for (let k = i; k < end; k++) out.customerIds.push(p.customerIds[k]!);
			await pace();
		}
		at += p.rows;
	}
	return out;
}
