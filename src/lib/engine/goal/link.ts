// A goal spec shared as a link: the spec's JSON in the URL fragment (`#goal=<base64url>`). The
// fragment never leaves the browser (it is not sent with requests), and it holds no data: only
// the goal, its column mapping and options, as in a goal file.

const PREFIX = 'goal=';

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
	const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (with its `#`) that carries a goal spec's JSON text. */
export function goalFragment(json: string): string {
	return `#${PREFIX}${toBase64Url(new TextEncoder().encode(json))}`;
}

/**
 * The goal spec JSON text a fragment carries; null when the fragment carries no goal. Throws,
 * saying so, when it carries one that cannot be decoded (a link cut short, say).
 */
export function goalFromFragment(hash: string): string | null {
	const body = hash.startsWith('#') ? hash.slice(1) : hash;
	if (!body.startsWith(PREFIX)) return null;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(
			fromBase64Url(body.slice(PREFIX.length))
		);
	} catch {
		throw new Error(
			'the goal in this link is damaged (was the link cut short when it was copied?)'
		);
	}
}
