// The loop every preset shares: its lines for the rows to write, a profile at a time, profiles
// without a line (no identity, an invalid one) left out and counted.
import type { DestinationInput, ExportTally } from './types';

/** Why a profile has no line. */
export interface LeftOut {
	leftOut: keyof Omit<ExportTally, 'written'>;
}

export const INVALID: LeftOut = { leftOut: 'invalid' };
export const DUPLICATE: LeftOut = { leftOut: 'duplicate' };

/**
 * `header` (when given), then one piece per profile: its line, or '' when it is left out (so the
 * export's progress counts the profiles read, not the lines written).
 */
export function* lineParts(
	input: DestinationInput,
	line: (i: number, id: string) => string | LeftOut,
	header?: string
): Generator<string> {
	if (header !== undefined) yield header + '\n';
	const { rows, tally } = input;
	for (let k = 0; k < rows.length; k++) {
		const i = rows[k]!;
		const id = input.identity(i);
		const l = id === null ? { leftOut: 'noIdentity' as const } : line(i, id);
		if (typeof l === 'string') {
			tally.written++;
			yield l + '\n';
		} else {
			tally[l.leftOut]++;
			yield '';
		}
	}
}
