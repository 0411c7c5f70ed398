// Human nouns for event types, so factors read "3 product views" rather than
// "3 commerce.productViews": XDM experience event types first, identifiers in words, anything
// else quoted as is.
import { friendlyPhrase } from './names';

export interface Noun {
	one: string;
	many: string;
}

// A Map, not an object: an event type named "constructor" or "__proto__" must find nothing.
const XDM_NOUNS = new Map<string, Noun>(
	Object.entries({
		'web.webpagedetails.pageviews': { one: 'page view', many: 'page views' },
		'web.webinteraction.linkclicks': { one: 'link click', many: 'link clicks' },
		'commerce.productviews': { one: 'product view', many: 'product views' },
		'commerce.productlistadds': { one: 'cart add', many: 'cart adds' },
		'commerce.productlistremovals': { one: 'cart removal', many: 'cart removals' },
		'commerce.productlistopens': { one: 'cart open', many: 'cart opens' },
		'commerce.checkouts': { one: 'checkout', many: 'checkouts' },
		'commerce.purchases': { one: 'purchase', many: 'purchases' },
		'commerce.saveforlaters': { one: 'save for later', many: 'saves for later' },
		'application.launch': { one: 'app launch', many: 'app launches' },
		'application.close': { one: 'app close', many: 'app closes' },
		'directmarketing.emailopened': { one: 'email open', many: 'email opens' },
		'directmarketing.emailclicked': { one: 'email click', many: 'email clicks' },
		'directmarketing.emailsent': { one: 'email sent', many: 'emails sent' },
		purchase: { one: 'purchase', many: 'purchases' },
		order: { one: 'order', many: 'orders' },
		transaction: { one: 'transaction', many: 'transactions' },
		session: { one: 'session', many: 'sessions' },
		visit: { one: 'visit', many: 'visits' },
		login: { one: 'login', many: 'logins' }
	})
);

export const ANY_EVENT: Noun = { one: 'event', many: 'events' };

/**
 * An event type's noun: XDM's known types by name; an identifier in words (`page_close` →
 * "page close event"); any other text quoted as it is (`"Sign up!" event`).
 */
export function eventNoun(eventType: string): Noun {
	const known = XDM_NOUNS.get(eventType.toLowerCase());
	if (known) return known;
	const phrase = friendlyPhrase(eventType);
	if (phrase !== eventType || /^[\p{L}\p{N}]+$/u.test(eventType))
		return { one: `${phrase} event`, many: `${phrase} events` };
	return { one: `"${eventType}" event`, many: `"${eventType}" events` };
}

/** A custom event's friendly name is used as is: "Watch purchase" → "Watch purchase" events. */
export function customNoun(name: string): Noun {
	return { one: `${name} event`, many: `${name} events` };
}

export function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
