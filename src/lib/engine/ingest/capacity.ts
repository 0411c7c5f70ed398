// How much of the memory this browser tab gives DuckDB the loaded events take, and what to say
// when they take so much that building features may not fit beside them. DuckDB-WASM cannot
// spill to disk (STACK-NOTES.md), so this is said after loading, before the features run out.

export interface DbMemory {
	/** Bytes DuckDB holds now (its tables, mostly the events). */
	usedBytes: number;
	/** DuckDB's memory limit in this tab. */
	limitBytes: number;
}

/**
 * Share of the limit the events may take before a warning. Measured: 10 M events (a 0.9 GB
 * table, 29 % of the 3.1 GiB limit) build features and train (docs/BENCHMARKS.md); the feature
 * query needs its partition's rows and a sort of its events beside the table.
 */
export const CAPACITY_WARNING_SHARE = 0.4;

const UNITS: Record<string, number> = {
	b: 1,
	bytes: 1,
	kb: 1e3,
	mb: 1e6,
	gb: 1e9,
	tb: 1e12,
	kib: 2 ** 10,
	mib: 2 ** 20,
	gib: 2 ** 30,
	tib: 2 ** 40
};

/** DuckDB's way of writing a size ("3.1 GiB", "512.0 MiB") in bytes; NaN when unreadable. */
export function parseDbSize(text: string): number {
	const m = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
	const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
	return m && unit ? Number(m[1]) * unit : NaN;
}

const gb = (bytes: number): string => `${(bytes / 1e9).toFixed(1)} GB`;

/** The warning for the Data step, or null while the events leave room for features. */
export function capacityWarning(m: DbMemory): string | null {
	if (!(m.limitBytes > 0) || m.usedBytes <= CAPACITY_WARNING_SHARE * m.limitBytes) return null;
	return (
		`These events take ${gb(m.usedBytes)} of the ${gb(m.limitBytes)} this browser tab can give the data, ` +
		'so building features may run out of memory. If it does, load a shorter period, or a sample of ' +
		'customers with all of their events (for example every customer whose id ends in 0): scores ' +
		'stay right for a sample of whole customers.'
	);
}
