// Customer-list identifiers for ad platforms: an email or phone number normalised the way the
// platform documents, then SHA-256 hashed (lowercase hex) in the browser with WebCrypto, so the
// plain value never leaves the page (docs/destinations.md, "Google Ads" and "Meta").
//
// The platforms differ. Both trim and lowercase emails; Google also drops the dots and any
// "+suffix" before the "@" of gmail.com and googlemail.com addresses (its Data Manager API
// formatting guide). Google hashes phones in E.164 with the "+" ("+14155550123"), Meta the
// digits alone ("14155550123").

export type AdPlatform = 'google' | 'meta';
export type ContactKind = 'email' | 'phone';

/** A plausible email after trimming: one "@", a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email as the platforms hash it (trimmed, lowercase), or null when it is not one. */
export function normaliseEmail(raw: string): string | null {
	const e = raw.trim().toLowerCase();
	return EMAIL.test(e) ? e : null;
}

/**
 * The phone number in E.164 ("+" then 8–15 digits) with the country code it was written with,
 * or null when it has none. Spaces, dashes, dots and brackets are dropped; a leading "00" is the
 * international prefix. A national number ("0412 345 678", "(415) 555-0123") is refused rather
 * than guessed: which country it belongs to is not in the number.
 */
export function normalisePhone(raw: string): string | null {
	let p = raw.trim().replace(/[\s\-.()/]/g, '');
	if (p.startsWith('00')) p = '+' + p.slice(2);
	return /^\+[1-9]\d{7,14}$/.test(p) ? p : null;
}

/** A normalised gmail.com or googlemail.com address without dots or "+suffix" before the "@". */
function googleEmail(email: string): string {
	const at = email.lastIndexOf('@');
	const domain = email.slice(at + 1);
	if (domain !== 'gmail.com' && domain !== 'googlemail.com') return email;
	const local = email.slice(0, at).replace(/\+.*$/, '').replaceAll('.', '');
	return local ? `${local}@${domain}` : email;
}

/** The text a platform hashes for one contact, or null when the value is not a valid one. */
export function normaliseContact(
	raw: string,
	kind: ContactKind,
	platform: AdPlatform
): string | null {
	if (kind === 'email') {
		const e = normaliseEmail(raw);
		return e && platform === 'google' ? googleEmail(e) : e;
	}
	const p = normalisePhone(raw);
	return p && platform === 'meta' ? p.slice(1) : p;
}

/** SHA-256 of the UTF-8 text as 64 lowercase hex digits (WebCrypto). */
export async function sha256Hex(text: string): Promise<string> {
	const subtle = globalThis.crypto?.subtle;
	if (!subtle)
		throw new Error(
			'This browser gives the page no WebCrypto (it needs https or localhost), so emails and phone numbers cannot be hashed here. Open the app from https or localhost.'
		);
	const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
	let hex = '';
	for (const b of digest) hex += b.toString(16).padStart(2, '0');
	return hex;
}
