// The building blocks of the project file's schema (project-schema.ts): valibot schemas for
// bounded numbers, texts, lists and closed vocabularies, each refusing with a message in plain
// words ("expected a number from 0 to 1, got 2", "is missing").
import * as v from 'valibot';

/** Epoch ms of 1900-01-01 and 2200-01-01: the times a project may hold. */
const EPOCH_RANGE = [Date.UTC(1900, 0, 1), Date.UTC(2200, 0, 1)] as const;

/** "expected X, got Y" (Y cut short), or "is missing". */
export const got = (what: string) => (issue: v.BaseIssue<unknown>) => {
	if (issue.input === undefined) return 'is missing';
	const y = issue.received;
	return `expected ${what}, got ${y.length > 60 ? `${y.slice(0, 57)}…` : y}`;
};

/** A finite number from `lo` to `hi`. */
export function range(lo: number, hi: number, what = `a number from ${lo} to ${hi}`) {
	const m = got(what);
	return v.pipe(v.number(m), v.finite(m), v.minValue(lo, m), v.maxValue(hi, m));
}

/** A number, or null (saved from NaN: undefined, as an empty bucket's median) read back as NaN. */
export function orNaN(schema: ReturnType<typeof range>) {
	return v.pipe(
		v.nullable(schema),
		v.transform((x) => x ?? NaN)
	);
}

export const real = range(-1e15, 1e15, 'a number of at most 15 digits');
/** Log-odds: weights, contributions, the bias. */
export const logit = range(-1e6, 1e6, 'a log-odds from −1,000,000 to 1,000,000');
export const unit = range(0, 1);
export const positive = range(0, 1e15, 'a number ≥ 0');
export const time = range(EPOCH_RANGE[0], EPOCH_RANGE[1], 'a time from 1900 to 2200 (epoch ms)');
export const count = v.pipe(range(0, 1e12, 'a whole number ≥ 0'), v.integer(got('a whole number')));
export const days = v.pipe(range(0, 36_500, 'a number of days'), v.integer(got('a whole number')));

export function text(max: number) {
	return v.pipe(
		v.string(got('a text')),
		v.maxLength(max, (i) => `expected at most ${max} characters, got ${i.received}`)
	);
}
export const name = text(1000);

export function list<T extends v.GenericSchema>(item: T, max: number) {
	return v.pipe(
		v.array(item, got('a list')),
		v.maxLength(max, (i) => `expected at most ${max} items, got ${i.received}`)
	);
}

export function oneOf<const T extends readonly string[]>(options: T) {
	return v.picklist(options, got(`one of ${options.join(', ')}`));
}

export function perBucket<T extends v.GenericSchema>(item: T) {
	return v.object({ high: item, medium: item, low: item }, got('one entry per bucket'));
}

export const obj = <T extends v.ObjectEntries>(entries: T) => v.object(entries, got('an object'));
