// Braze: the user-attributes CSV import (Audience → Import users). The first column is
// `external_id`, Braze's user id; every other column becomes a custom attribute of that name,
// typed from its values (numbers, strings, ISO 8601 dates). Braze reads a quoted cell as text
// and an unquoted run of digits as a number (a leading 0 as octal), so the model id, hex that
// may be all digits, is always quoted. Cells go through csvField, so no text from the data can
// start a spreadsheet formula. An empty cell (a profile with fewer reasons) changes nothing.
import { csvField } from '../csv-field';
import { flatFieldNames, flatFieldValues, propensityValues } from './fields';
import { lineParts } from './rows';
import type { DestinationInput, Preset } from './types';

/** The model id's column: after external_id, score, probability, percentile, bucket, type, date. */
const MODEL_ID = 7;

export const braze: Preset = {
	id: 'braze',
	name: 'Braze',
	file: 'user attributes CSV',
	extension: 'csv',
	type: 'text/csv',
	contacts: ['external_id'],
	segmentOnly: false,
	docs: 'https://www.braze.com/docs/user_guide/data/unification/user_data/import_users/csv/',
	parts(input: DestinationInput) {
		const header = ['external_id', ...flatFieldNames(input.options.prefix)];
		const modelId = `"${input.ctx.modelId.replaceAll('"', '""')}"`;
		return lineParts(
			input,
			(i, id) =>
				[id, ...flatFieldValues(propensityValues(input.profiles, i, input.ctx))]
					.map((v, k) => (k === MODEL_ID ? modelId : csvField(v)))
					.join(','),
			header.map(csvField).join(',')
		);
	}
};
