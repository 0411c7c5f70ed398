// Segment: one `identify` call per profile, one JSON object per line (NDJSON), as Segment's
// HTTP Tracking API takes them (`POST /v1/batch` in batches, or a source that reads files).
// `userId` is the identity column, `traits` the propensity fields flat (fields.ts), `timestamp`
// the scoring cutoff (the traits describe the customer then), and `messageId` the same for the
// same model and profile, so sending a file twice does not count twice.
import { flatFieldNames, flatFieldValues, propensityValues } from './fields';
import { lineParts } from './rows';
import type { DestinationInput, Preset } from './types';

export const segment: Preset = {
	id: 'segment',
	name: 'Segment',
	file: 'identify calls, NDJSON',
	extension: 'ndjson',
	type: 'application/x-ndjson',
	contacts: ['external_id'],
	segmentOnly: false,
	docs: 'https://segment.com/docs/connections/spec/identify/',
	parts(input: DestinationInput) {
		const names = flatFieldNames(input.options.prefix);
		const timestamp = `${input.ctx.scoreDate}T00:00:00.000Z`;
		return lineParts(input, (i, id) => {
			const values = flatFieldValues(propensityValues(input.profiles, i, input.ctx));
			const traits: Record<string, string | number> = {};
			names.forEach((n, k) => (traits[n] = values[k]!));
			return JSON.stringify({
				type: 'identify',
				userId: id,
				traits,
				timestamp,
				messageId: `propensity-${input.ctx.modelId}-${id}`
			});
		});
	}
};
