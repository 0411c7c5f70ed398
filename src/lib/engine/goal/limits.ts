// How much a goal spec may hold, and what counts as a date in one. The validator refuses a spec
// past these limits before it recurses into it; docs/goal-spec.md lists them for people.

export const GOAL_LIMITS = {
	/** Characters of a goal file or link, before it is parsed. */
	textChars: 1_000_000,
	nameChars: 200,
	/** Characters of a column name, an event name or a text value. */
	textValueChars: 1000,
	/** Nested all/any groups (the outermost counts as 1). */
	depth: 20,
	/** Conditions and groups in the whole spec. */
	conditions: 1000,
	listValues: 1000,
	customEvents: 50,
	profileAttributes: 500,
	/** Names the user gave event types and attributes. */
	names: 1000
} as const;

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Whether `s` is an ISO date (2024-06-30) or timestamp (2024-06-30T12:00:00Z) of a real day
 * from 1900 to 2200 (`"1"`, which Date.parse reads as 2001, is not).
 */
export function isIsoDate(s: string): boolean {
	const m = ISO_DATE.exec(s);
	if (!m || isNaN(Date.parse(s))) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const day = new Date(Date.UTC(y, mo - 1, d));
	// Date.parse takes 2024-02-30 as 1 March; a real day reads back the same.
	return y >= 1900 && y <= 2200 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}
