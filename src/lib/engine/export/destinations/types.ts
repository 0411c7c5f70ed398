// What a destination preset is and what it is given: the scored profiles in the order to write,
// who each profile is in the destination (its identity), and the user's options.
import type { ScoreContext, ScoredProfiles } from '../csv';
import type { AdPlatform } from '../hashing';

export type PresetId = 'aep' | 'segment' | 'braze' | 'klaviyo' | 'google-ads' | 'meta';

/** Which contact an identity column holds (Klaviyo and the ad platforms). */
export type Contact = 'email' | 'phone' | 'external_id';

export interface DestinationOptions {
	/** Starts every propensity field's name (fields.ts). */
	prefix: string;
	/** AEP: the organisation's tenant id, without its leading "_" ("acme"). */
	tenant: string;
	/** AEP: the identity namespace code of the identity column ("Email", "ECID", "CRMID"). */
	namespace: string;
	/** Klaviyo, Google Ads, Meta: what the identity column holds. */
	contact: Contact;
}

/** Profiles written and left out, counted while the file is made (so the user is told). */
export interface ExportTally {
	written: number;
	/** No value in the identity column. */
	noIdentity: number;
	/** A value that is not a valid email or phone number (Klaviyo, the ad platforms). */
	invalid: number;
	/** The same hashed contact as a profile before (a customer list lists each once). */
	duplicate: number;
}

export function emptyTally(): ExportTally {
	return { written: 0, noIdentity: 0, invalid: 0, duplicate: 0 };
}

export interface DestinationInput {
	profiles: ScoredProfiles;
	/** Profile indices, in the order to write. */
	rows: ArrayLike<number>;
	ctx: ScoreContext;
	/** Profile i's value of the identity column (trimmed), or null when it has none. */
	identity: (i: number) => string | null;
	options: DestinationOptions;
	tally: ExportTally;
}

export interface Preset {
	id: PresetId;
	/** The tool's name, as the menu shows it. */
	name: string;
	/** What the file is, for the menu ("identify calls, NDJSON"). */
	file: string;
	extension: string;
	type: string;
	/** The contacts its identity may be; `external_id` alone means any id column will do. */
	contacts: readonly Contact[];
	/** Only for a segment or the profiles shown, never all at once (ad audiences). */
	segmentOnly: boolean;
	ads?: AdPlatform;
	/** The documentation page the format follows. */
	docs: string;
	/** The file a line at a time (the export writer packs them into parts). */
	parts(input: DestinationInput): AsyncIterable<string> | Iterable<string>;
}
