// Klaviyo: the CSV import of profiles to a list (Lists & segments → a list → Import contacts).
// Its first column must be "Email" or "Phone Number", the headers Klaviyo maps to those
// properties by itself (an external id alone does not import to a list); every other column
// becomes a custom property, typed from its values. Emails are written trimmed and lower-case,
// phone numbers in E.164 ("+14155550123"), as Klaviyo requires; a value that is neither is left
// out and counted, never written empty.
import { csvField } from '../csv-field';
import { normaliseEmail, normalisePhone } from '../hashing';
import { flatFieldNames, flatFieldValues, propensityValues } from './fields';
import { INVALID, lineParts } from './rows';
import type { Contact, DestinationInput, Preset } from './types';

const HEADER = { email: 'Email', phone: 'Phone Number' } as const;

function contactValue(raw: string, contact: Contact): string | null {
	if (contact === 'email') return normaliseEmail(raw);
	if (contact === 'phone') return normalisePhone(raw);
	throw new Error('A Klaviyo list import needs an email or a phone column.');
}

export const klaviyo: Preset = {
	id: 'klaviyo',
	name: 'Klaviyo',
	file: 'profiles CSV',
	extension: 'csv',
	type: 'text/csv',
	contacts: ['email', 'phone'],
	segmentOnly: false,
	docs: 'https://help.klaviyo.com/hc/en-us/articles/115005078967',
	parts(input: DestinationInput) {
		const { contact, prefix } = input.options;
		const header = [HEADER[contact as 'email' | 'phone'], ...flatFieldNames(prefix)];
		return lineParts(
			input,
			(i, id) => {
				const value = contactValue(id, contact);
				if (value === null) return INVALID;
				return [value, ...flatFieldValues(propensityValues(input.profiles, i, input.ctx))]
					.map(csvField)
					.join(',');
			},
			header.map(csvField).join(',')
		);
	}
};
