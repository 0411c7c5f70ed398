// Number and date formatting for display.
export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
// A no-break space: "18.4 %" never breaks across lines.
export const fmtPct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}\u00a0%`;
export const fmtDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const fmtAuc = (x: number): string => (isFinite(x) ? x.toFixed(3) : '—');
export function fmtMs(ms: number): string {
	return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
/** An estimate of time left, rounded as a person would say it ("about 40 s left"). */
export function fmtLeft(ms: number): string {
	const s = Math.max(1, Math.round(ms / 1000));
	if (s < 60) return `about ${s} s left`;
	return `about ${Math.round(s / 60)} min left`;
}
/** What the expected goal events are called: conversions, or churners for a churn goal. */
export const goalEvents = (kind: 'conversion' | 'churn'): string =>
	kind === 'churn' ? 'churners' : 'conversions';

/** Export formats as the user reads them. */
export const FORMAT_NAME = { csv: 'CSV', parquet: 'Parquet', json: 'JSON' } as const;
/** The model engine as shown: "TensorFlow.js WASM · 2 threads" (threads only for WASM). */
export function fmtBackend(name: string, threads?: number, engine = 'TensorFlow.js'): string {
	const label = `${engine} ${name.toUpperCase()}`;
	if (name !== 'wasm' || threads === undefined) return label;
	return `${label} · ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
}
