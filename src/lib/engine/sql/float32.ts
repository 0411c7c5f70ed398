// Single precision by arithmetic, for engines with no 4-byte float (BigQuery, Snowflake): x
// rounded to the nearest float32, ties to even, as a Float32Array stores it. Every step is exact
// in double precision: u is a power of two (the float32 spacing at x), so x / u is exact and
// has an integer part below 2^24, which rounds to even by comparing its fraction with 1/2.
// Written once with each engine's spelling of log2 and 2^n, and checked against Math.fround in
// DuckDB (tests/integration/float32-sql.test.ts).

export interface Float32Spelling {
	/** log2 of a positive double (an approximation: the exponent is corrected after). */
	log2(x: string): string;
	/** 2 to the power of a whole number n, exactly. */
	pow2(n: string): string;
	/** A double literal written as its decimal text. */
	double(text: string): string;
	/** `x` (a double) is neither infinite nor NaN. */
	isFinite(x: string): string;
}

/** Float32 of `x` (a double expression, repeated inside: pass a column or a parameter). */
export function float32Arithmetic(x: string, s: Float32Spelling): string {
	const a = `abs(${x})`;
	// floor(log2 |x|), corrected by one where log2 rounds across a power of two.
	const e0 = `floor(${s.log2(`greatest(${a}, ${s.double('5e-324')})`)})`;
	const e = `(CASE WHEN ${s.pow2(e0)} > ${a} THEN ${e0} - 1 WHEN ${s.pow2(`${e0} + 1`)} <= ${a} THEN ${e0} + 1 ELSE ${e0} END)`;
	// The spacing of float32 at |x|: 2^(e − 23), and 2^-149 among the subnormals.
	const u = s.pow2(`greatest(${e}, -126) - 23`);
	const q = `(${a} / ${u})`;
	const fl = `floor(${q})`;
	const even = `(${fl} - 2 * floor(${fl} / 2))`;
	const r = `(${fl} + CASE WHEN ${q} - ${fl} > 0.5 THEN 1 WHEN ${q} - ${fl} < 0.5 THEN 0 ELSE ${even} END)`;
	const max = 2 ** 128 - 2 ** 103; // half an ulp past the largest float32: rounds to infinity
	return (
		`CASE WHEN ${x} IS NULL THEN NULL WHEN NOT (${s.isFinite(x)}) OR ${x} = 0 THEN ${x} ` +
		`WHEN ${a} >= ${s.double(String(max))} THEN sign(${x}) * ${s.double('inf')} ` +
		`ELSE sign(${x}) * ${r} * ${u} END`
	);
}
