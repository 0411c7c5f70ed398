// A goal spec shared as a link: the spec's JSON in the URL fragment (`#goal=<base64url>`). The
// fragment never leaves the browser (it is not sent with requests), and it holds no data: only
// the goal, its column mapping and options, as in a goal file. A link is read whole and checked
// as a goal file is (readGoalLink), so a link cut short is refused, never half applied.
import type { GoalSpec } from '../types';
import { GOAL_LIMITS } from './limits';
import { parseGoalText } from './read';
import { GoalSpecError } from './validate';

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
	// At most 3 UTF-8 bytes a character and 4 base64 characters per 3 bytes: a longer fragment
	// cannot hold a goal within the limit, and is refused before it is decoded.
	if (body.length > PREFIX.length + 4 * GOAL_LIMITS.textChars)
		throw new Error('the goal in this link is too long to be a goal');
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

/** A link's goal: its JSON text and the spec it holds, checked. */
export interface LinkedGoal {
	text: string;
	spec: GoalSpec;
}

/**
 * The goal a fragment carries, read and checked whole; null when it carries none. Throws, saying
 * what is wrong, when the link is damaged (cut short, say) or its goal is not a valid goal spec.
 */
export function readGoalLink(hash: string): LinkedGoal | null {
	const text = goalFromFragment(hash);
	if (text === null) return null;
	try {
		return { text, spec: parseGoalText(text) };
	} catch (e) {
		if (e instanceof GoalSpecError && e.path === '$' && /JSON/.test(e.message))
			throw new Error(
				'the goal in this link is damaged: it is cut short (was the link copied whole?)',
				{ cause: e }
			);
		throw new Error(
			`the goal in this link is not a valid goal (${e instanceof Error ? e.message : String(e)})`,
			{ cause: e }
		);
	}
}
