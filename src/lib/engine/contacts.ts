// Columns that hold a way to reach a person (an email, a phone number), told by their names. They
// are identities for the destinations (the Profiles step's export), never attributes to learn
// from: each value belongs to one profile, so it carries no signal, and it is personal.
import type { ContactKind } from './export/hashing';

const EMAIL = /e-?mail/i;
const PHONE = /phone|mobile|msisdn|(^|[^a-z])tel([^a-z]|$)/i;

/** What a column holds by its name: "email", "E-Mail Address" → email; "phone", "mobile_no" → phone. */
export function contactKindOf(column: string): ContactKind | null {
	if (EMAIL.test(column)) return 'email';
	if (PHONE.test(column)) return 'phone';
	return null;
}

/**
 * Whether a destination that finds people by contact (`contacts` lacks "external_id") is left with
 * the customer id (no identity column chosen) while no column is named like a contact: then the
 * user most likely has not said where the emails or phone numbers are.
 */
export function noContactColumn(
	contacts: readonly string[],
	identityChosen: boolean,
	columns: readonly { name: string }[]
): boolean {
	return (
		!contacts.includes('external_id') &&
		!identityChosen &&
		!columns.some((c) => contactKindOf(c.name) !== null)
	);
}
