// Friendly names for the columns and event types a file brings: "Sign-up date" for `signupDate`,
// "Loyalty tier" for `loyalty_tier` or `_acme.loyalty.tier`, "page close" for `page_close`.
// The user can rename any of them in the Goal step (GoalSpec.names); these are the defaults.

/** XDM profile fields whose last part alone would read badly. */
const XDM_FIELDS = new Map<string, string>(
	Object.entries({
		'person.birthdate': 'Birth date',
		'person.gender': 'Gender',
		'homeaddress.countrycode': 'Country',
		'homeaddress.city': 'City',
		'homeaddress.postalcode': 'Postal code',
		'personalemail.address': 'Email',
		'mobilephone.number': 'Mobile phone',
		'loyalty.tier': 'Loyalty tier',
		'loyalty.points': 'Loyalty points'
	})
);

// Words spelled as people write them; acronyms in capitals.
const WORDS = new Map<string, string>(
	Object.entries({
		signup: 'sign-up',
		optin: 'opt-in',
		optout: 'opt-out',
		checkin: 'check-in',
		login: 'log-in',
		email: 'email',
		id: 'ID',
		url: 'URL',
		ip: 'IP',
		sku: 'SKU',
		ltv: 'LTV',
		nps: 'NPS',
		utc: 'UTC',
		dob: 'date of birth'
	})
);
// Two words that are one: "opt in" → "opt-in", "sign up" → "sign-up".
const PAIRS = new Map<string, string>(
	Object.entries({
		'opt in': 'opt-in',
		'opt out': 'opt-out',
		'sign up': 'sign-up',
		'log in': 'log-in',
		'check in': 'check-in',
		'e mail': 'email'
	})
);

/** The words of an identifier: split at `_`, `-`, spaces and camelCase humps (`HTTPCode` → HTTP, Code). */
function words(s: string): string[] {
	return s
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.split(/[\s_-]+/)
		.filter(Boolean);
}

/**
 * A readable phrase for an identifier, lower case but for acronyms ("sign-up date", "HTTP code").
 * Dotted paths keep their last two parts when the last alone is generic (`loyalty.tier`), and
 * text that is not an identifier (spaces and punctuation a person typed) is kept as it is.
 */
export function friendlyPhrase(raw: string): string {
	const known = XDM_FIELDS.get(raw.toLowerCase().replace(/^_[^.]+\./, ''));
	if (known) return known.toLowerCase();
	if (!/^[\p{L}\p{N}_.-]+$/u.test(raw)) return raw;
	const parts = raw.split('.').filter((p) => p && !p.startsWith('_'));
	const tail = parts.slice(-2);
	const picked = tail.length === 2 && words(tail[1]!).length === 1 ? tail : tail.slice(-1);
	let phrase = picked
		.flatMap(words)
		.map((w) => {
			const lower = w.toLowerCase();
			if (WORDS.has(lower)) return WORDS.get(lower)!;
			// An acronym stays in capitals (more than one letter, all capitals).
			return /^[A-Z0-9]{2,}$/.test(w) && /[A-Z]/.test(w) ? w : lower;
		})
		.join(' ');
	for (const [pair, one] of PAIRS) phrase = phrase.replace(new RegExp(`\\b${pair}\\b`, 'g'), one);
	return phrase || raw;
}

/** A friendly name in sentence case: "Sign-up date", "Loyalty tier", "HTTP code". */
export function friendlyName(raw: string): string {
	const p = friendlyPhrase(raw);
	return p === raw && !/^[\p{L}\p{N}_.-]+$/u.test(raw)
		? raw
		: p.charAt(0).toUpperCase() + p.slice(1);
}
