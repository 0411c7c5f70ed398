// The loop every preset shares: its lines for the rows to write, EXPORT_PART_ROWS profiles per
// part, profiles without a line (no identity, an invalid one) left out and counted.
import { EXPORT_PART_ROWS } from '../csv';
import type { DestinationInput, ExportTally } from './types';

/** Why a profile has no line. */
export interface LeftOut {
	leftOut: keyof Omit<ExportTally, 'written'>;
}

export const INVALID: LeftOut = { leftOut: 'invalid' };
export const DUPLICATE: LeftOut = { leftOut: 'duplicate' };

/** `header` (when given) then each profile's line, joined with "\n", in parts. */
export function* lineParts(
	input: DestinationInput,
	line: (i: number, id: string) => string | LeftOut,
	header?: string
): Generator<string> {
	if (header !== undefined) yield header + '\n';
	const { rows, tally } = input;
	for (let start = 0; start < rows.length; start += EXPORT_PART_ROWS) {
		const lines: string[] = [];
		for (let k = start; k < Math.min(rows.length, start + EXPORT_PART_ROWS); k++) {
			const i = rows[k]!;
			const id = input.identity(i);
			const l = id === null ? { leftOut: 'noIdentity' as const } : line(i, id);
			if (typeof l === 'string') {
				lines.push(l);
				tally.written++;
			} else tally[l.leftOut]++;
		}
		if (lines.length) yield lines.join('\n') + '\n';
	}
}
