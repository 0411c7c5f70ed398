// Google Ads Customer Match and Meta custom audiences: a customer list of one segment, each
// profile's email or phone number normalised as the platform documents and SHA-256 hashed in
// the browser (hashing.ts), one column, each contact once. Nothing else about the profile is
// written: the audience is the segment. A value that is not an email or an international phone
// number is left out and counted.
import { EXPORT_PART_ROWS } from '../csv';
import { normaliseContact, sha256Hex, type AdPlatform, type ContactKind } from '../hashing';
import type { DestinationInput, Preset } from './types';

/** The column header each platform's list template uses. */
const HEADER: Record<AdPlatform, Record<ContactKind, string>> = {
	google: { email: 'Email', phone: 'Phone' },
	meta: { email: 'email', phone: 'phone' }
};

/** The contacts to hash, normalised, in the rows' order, each once; the rest counted. */
function contacts(input: DestinationInput, platform: AdPlatform): string[] {
	const kind = input.options.contact;
	if (kind === 'external_id') throw new Error('A customer list needs an email or a phone column.');
	const seen = new Set<string>();
	const out: string[] = [];
	const { tally } = input;
	for (let k = 0; k < input.rows.length; k++) {
		const raw = input.identity(input.rows[k]!);
		if (raw === null) tally.noIdentity++;
		else {
			const c = normaliseContact(raw, kind, platform);
			if (c === null) tally.invalid++;
			else if (seen.has(c)) tally.duplicate++;
			else {
				seen.add(c);
				out.push(c);
			}
		}
	}
	return out;
}

async function* hashedParts(input: DestinationInput, platform: AdPlatform): AsyncGenerator<string> {
	const kind = input.options.contact as ContactKind;
	yield HEADER[platform][kind] + '\n';
	const list = contacts(input, platform);
	for (let start = 0; start < list.length; start += EXPORT_PART_ROWS) {
		const part = list.slice(start, start + EXPORT_PART_ROWS);
		const hashes = await Promise.all(part.map(sha256Hex));
		input.tally.written += hashes.length;
		// A line a piece, as the other exports' (the writer makes the parts).
		for (const h of hashes) yield h + '\n';
	}
}

function adsPreset(
	id: 'google-ads' | 'meta',
	platform: AdPlatform,
	name: string,
	docs: string
): Preset {
	return {
		id,
		name,
		file: 'customer list, SHA-256 hashed CSV',
		extension: 'csv',
		type: 'text/csv',
		contacts: ['email', 'phone'],
		segmentOnly: true,
		ads: platform,
		docs,
		parts: (input) => hashedParts(input, platform)
	};
}

export const googleAds = adsPreset(
	'google-ads',
	'google',
	'Google Ads',
	'https://support.google.com/google-ads/answer/7659867'
);
export const meta = adsPreset(
	'meta',
	'meta',
	'Meta',
	'https://www.facebook.com/business/help/2082575038703844'
);
