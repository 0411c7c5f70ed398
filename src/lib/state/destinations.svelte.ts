// The Profiles step's destination choices (which column identifies a profile there, what it
// holds, the field prefix, AEP's tenant and namespace), what stops an export, and the export
// itself: the identity column read from DuckDB, the preset's file made by RunState, and what
// was left out said in words.
import { contactKindOf } from '../engine/contacts';
import {
	aepFieldGroup,
	aepOptionsProblem,
	suggestedNamespace
} from '../engine/export/destinations/aep';
import { defaultPrefix, prefixProblem } from '../engine/export/destinations/fields';
import {
	PRESETS,
	type Contact,
	type DestinationOptions,
	type ExportTally,
	type Preset,
	type PresetId
} from '../engine/export/destinations';
import { identityColumns, identityValues, type IdentityColumn } from '../db/identities';
import type { ColumnInfo } from '../engine/types';
import { getDb } from './engines';
import { slug, type ResultFile } from './result-files';
import type { DataState } from './data.svelte';
import type { RunResult, RunState } from './run.svelte';

export class DestinationState {
	/** The identity column; null: the customer id. */
	identity = $state.raw<IdentityColumn | null>(null);
	contact = $state<Contact>('external_id');
	/** The field prefix the user typed; null: the default for the goal's kind. */
	prefix = $state<string | null>(null);
	tenant = $state('');
	/** AEP's identity namespace code; set from the identity column's name, which the user may retype. */
	namespace = $state('');

	constructor(private data: DataState) {}

	/** Sets the identity column (null: the customer id) and the namespace its name suggests. */
	setIdentity(column: IdentityColumn | null): void {
		this.identity = column;
		this.namespace = suggestedNamespace(column?.name ?? this.customerIdName() ?? '');
	}

	/** The columns that could identify a profile, beside the customer id. */
	get columns(): IdentityColumn[] {
		return identityColumns(
			this.data.profileColumns,
			this.data.eventColumns,
			this.data.profileIdColumn
		);
	}

	/** Sets the identity and contact a preset most likely wants: a column named like an email. */
	choose(preset: Preset): void {
		const wanted = preset.contacts.filter((c): c is 'email' | 'phone' => c !== 'external_id');
		const named = this.columns.find((c) => {
			const kind = contactKindOf(c.name);
			return kind !== null && (wanted as string[]).includes(kind);
		});
		if (wanted.length === 0) {
			this.contact = 'external_id';
			// AEP takes any identity, so the one chosen before stays.
			this.setIdentity(preset.id === 'aep' ? this.identity : null);
		} else {
			this.setIdentity(named ?? null);
			this.contact = (named && contactKindOf(named.name)) || wanted[0]!;
		}
	}

	options(r: RunResult): DestinationOptions {
		return {
			prefix: this.prefix ?? defaultPrefix({ propensityType: r.spec.kind }),
			tenant: this.tenant.trim().replace(/^_/, ''),
			namespace: this.namespace.trim(),
			contact: this.contact
		};
	}

	/** Why `preset` cannot be written now, or null. */
	problem(preset: Preset, r: RunResult): string | null {
		const o = this.options(r);
		if (preset.id === 'aep' && !o.tenant)
			return "Type your organisation's tenant id (Schemas → any schema's tenant field group, the name after “_”).";
		return (
			prefixProblem(o.prefix) ??
			(preset.id === 'aep' ? aepOptionsProblem(o) : null) ??
			(preset.contacts.includes(o.contact)
				? null
				: `${preset.name} finds people by ${preset.contacts.join(' or ')}: choose which the column holds.`)
		);
	}

	/** The field group's JSON schema for AEP's Schema Registry. */
	fieldGroupFile(r: RunResult): ResultFile {
		const schema = aepFieldGroup(this.options(r), r.spec.name);
		return {
			blob: new Blob([JSON.stringify(schema, null, 2) + '\n'], { type: 'application/json' }),
			fileName: `aep-field-group-${slug(r)}.json`
		};
	}

	/**
	 * Writes `preset` for `rows` (or all): each profile's identity read from its column. Returns
	 * the file and a notice of what was written and left out; no file when no profile had an
	 * identity (an empty identity is never written).
	 */
	async export(
		run: RunState,
		id: PresetId,
		rows?: ArrayLike<number>,
		label?: string
	): Promise<{ file: ResultFile | null; notice: string | null }> {
		const r = run.result;
		if (!r) return { file: null, notice: null };
		const preset = PRESETS[id];
		const problem = this.problem(preset, r);
		if (problem) return { file: null, notice: problem };
		const ids = r.profiles.customerIds;
		let identity = (i: number): string | null => ids[i] ?? null;
		if (this.identity) {
			const columns: ColumnInfo[] =
				(this.identity.table === 'profiles' ? this.data.profileColumns : this.data.eventColumns) ??
				[];
			const values = await identityValues(await getDb(), this.identity, columns);
			identity = (i) => values.get(ids[i]!) ?? null;
		}
		const out = await run.exportDestination(preset, this.options(r), identity, rows, label);
		if (!out) return { file: null, notice: null };
		const said = tallyNotice(out.tally, this.identityName(), this.contact, out.fileName);
		return { file: out.tally.written ? out : null, notice: said };
	}

	identityName(): string {
		return this.identity?.name ?? this.customerIdName() ?? 'the customer id';
	}

	private customerIdName(): string | null {
		return this.data.profileIdColumn ?? this.data.mapping?.customerId ?? null;
	}
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** What an export wrote and left out, in words. */
export function tallyNotice(
	t: ExportTally,
	column: string,
	contact: Contact,
	fileName: string
): string {
	const what = contact === 'external_id' ? 'value' : contact === 'email' ? 'email' : 'phone number';
	const left = [
		t.noIdentity && `${fmt(t.noIdentity)} with no ${what} in “${column}”`,
		t.invalid &&
			`${fmt(t.invalid)} whose ${what} is not a valid one${contact === 'phone' ? ' (with its country code, like +44 20 7946 0958)' : ''}`,
		t.duplicate && `${fmt(t.duplicate)} repeating a ${what} listed before`
	].filter(Boolean);
	if (!t.written)
		return `Nothing was saved: none of the profiles has a valid ${what} in “${column}” (${left.join('; ')}). Choose the column that holds them.`;
	return `Saved ${fmt(t.written)} profiles in ${fileName}.${left.length ? ` Left out: ${left.join('; ')}.` : ''}`;
}
