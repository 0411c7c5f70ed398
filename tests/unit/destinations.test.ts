// Each destination preset's file, parsed and checked against its tool's documented import format
// (docs/destinations.md): required columns, types, never an empty identity, the hashing
// normalisation with known vectors, the XDM records against the field group's JSON schema, and
// the CSV presets' formula neutralisation.
import { createHash } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import type { ScoreContext, ScoredProfiles } from '../../src/lib/engine/export/csv';
import { restoreCsvText } from '../../src/lib/engine/export/csv-field';
import {
	aepFieldGroup,
	aepOptionsProblem,
	suggestedNamespace
} from '../../src/lib/engine/export/destinations/aep';
import {
	camelCase,
	flatFieldNames,
	prefixProblem
} from '../../src/lib/engine/export/destinations/fields';
import {
	emptyTally,
	PRESETS,
	type DestinationOptions,
	type PresetId
} from '../../src/lib/engine/export/destinations';
import { noContactColumn } from '../../src/lib/engine/contacts';
import { normaliseContact, sha256Hex } from '../../src/lib/engine/export/hashing';
import { listedGroups } from '../../src/lib/engine/explain/profile-groups';
import { NO_FACTORS } from '../../src/lib/engine/explain/profile-factors';
import type { Bucket } from '../../src/lib/engine/types';
import { HOSTILE_TEXTS, parseCsv, startsFormula } from '../helpers/csv';

const N = 40;
const ctx: ScoreContext = {
	propensityType: 'conversion',
	scoreDate: '2026-11-30',
	modelId: '0123456789012345'
};
const BUCKETS: Bucket[] = ['high', 'medium', 'low'];

/** Profiles with reasons, some named like formulas, some with none. */
function profiles(): ScoredProfiles {
	return {
		customerIds: Array.from({ length: N }, (_, i) => `C-${i}`),
		probability: Float32Array.from({ length: N }, (_, i) => 0.9 - i / 50),
		score: Uint8Array.from({ length: N }, (_, i) => 100 - 2 * i),
		percentile: Uint8Array.from({ length: N }, (_, i) => 100 - 2 * i),
		bucket: Array.from({ length: N }, (_, i) => BUCKETS[i % 3]!),
		factors: NO_FACTORS,
		groups: listedGroups(
			Array.from({ length: N }, (_, i) =>
				i % 10 === 9
					? []
					: [0, 1, 2].map((k) => ({
							key: `g${k}`,
							name: k === 1 ? HOSTILE_TEXTS[i % HOSTILE_TEXTS.length]! : `Group ${k}`,
							contribution: (k - 1) * 0.3 + i / 100,
							importance: 'medium' as const,
							direction: 'raises' as const,
							sentence: `${i} cart adds, "quoted", in the last 7 days`
						}))
			)
		)
	};
}

/** Emails for most profiles: none for every 7th, an invalid one for every 11th, a repeat. */
function email(i: number): string | null {
	if (i % 7 === 3) return null;
	if (i % 11 === 5) return 'not an email';
	if (i === 20) return ' Shopper.19@Example.COM '; // the same as profile 19's, once normalised
	return `shopper.${i}@example.com`;
}

const OPTIONS: DestinationOptions = {
	prefix: 'propensity_conversion',
	tenant: 'acme',
	namespace: 'Email',
	contact: 'email'
};

async function write(
	id: PresetId,
	identity: (i: number) => string | null,
	options: Partial<DestinationOptions> = {}
) {
	const tally = emptyTally();
	const rows = Int32Array.from({ length: N }, (_, i) => i);
	const parts: string[] = [];
	for await (const p of PRESETS[id].parts({
		profiles: profiles(),
		rows,
		ctx,
		identity,
		options: { ...OPTIONS, ...options },
		tally
	}))
		parts.push(p);
	return { text: parts.join(''), tally };
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('hashing for ad audiences', () => {
	it('gives the SHA-256 test vectors (FIPS 180-2)', async () => {
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(await sha256Hex('')).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
		expect(await sha256Hex('test@example.com')).toBe(
			'973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b'
		);
	});

	it('normalises emails and phones as each platform documents', () => {
		const cases: [string, 'email' | 'phone', 'google' | 'meta', string | null][] = [
			[' Ann.Lee@Example.COM ', 'email', 'google', 'ann.lee@example.com'],
			[' Ann.Lee@Example.COM ', 'email', 'meta', 'ann.lee@example.com'],
			['John.Doe+promo@Gmail.com', 'email', 'google', 'johndoe@gmail.com'],
			['j.o.h.n@googlemail.com', 'email', 'google', 'john@googlemail.com'],
			['John.Doe+promo@Gmail.com', 'email', 'meta', 'john.doe+promo@gmail.com'],
			['not an email', 'email', 'google', null],
			['a@b', 'email', 'meta', null],
			['+1 (415) 555-0123', 'phone', 'google', '+14155550123'],
			['+1 (415) 555-0123', 'phone', 'meta', '14155550123'],
			['0044 20 7946 0958', 'phone', 'google', '+442079460958'],
			['+44.20.7946.0958', 'phone', 'meta', '442079460958'],
			['(415) 555-0123', 'phone', 'google', null],
			['+0123456789', 'phone', 'meta', null]
		];
		for (const [raw, kind, platform, want] of cases)
			expect(normaliseContact(raw, kind, platform), `${raw} ${platform}`).toBe(want);
	});
});

describe('Braze user attributes CSV', () => {
	it('has external_id first and the propensity attributes, typed, one row per profile', async () => {
		const { text, tally } = await write('braze', (i) => (i === 4 ? null : `C-${i}`));
		const [header, ...rows] = parseCsv(text);
		expect(header).toEqual(['external_id', ...flatFieldNames('propensity_conversion')]);
		expect(rows).toHaveLength(N - 1);
		expect(tally).toEqual({ written: N - 1, noIdentity: 1, invalid: 0, duplicate: 0 });
		expect(rows.every((r) => r.length === header!.length && r[0] !== '')).toBe(true);
		for (const r of rows) {
			expect(Number.isInteger(Number(r[1]))).toBe(true);
			expect(Number(r[2])).toBeGreaterThan(0);
			expect(r[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		// The model id, all digits here, is quoted so Braze reads it as text (not octal).
		expect(text).toContain(`,"${ctx.modelId}",`);
		expect(text.split('\n')[1]).toMatch(/^C-0,\d+,0\.\d+,\d+,high,conversion,2026-11-30,"/);
	});

	it('neutralises every text that would start a formula', async () => {
		const { text } = await write('braze', (i) => `C-${i}`);
		const cells = parseCsv(text).flat();
		const hostile = cells.filter((c) => HOSTILE_TEXTS.includes(restoreCsvText(c)));
		expect(hostile.length).toBeGreaterThan(10);
		expect(cells.filter((c) => startsFormula(c))).toEqual([]);
	});
});

describe('Klaviyo profiles CSV', () => {
	it('has Email first, normalised; the rest left out and counted, never empty', async () => {
		const { text, tally } = await write('klaviyo', email);
		const [header, ...rows] = parseCsv(text);
		expect(header![0]).toBe('Email');
		expect(header!.slice(1)).toEqual(flatFieldNames('propensity_conversion'));
		const missing = Array.from({ length: N }, (_, i) => email(i)).filter((e) => e === null);
		const invalid = Array.from({ length: N }, (_, i) => email(i)).filter(
			(e) => e === 'not an email'
		);
		expect(tally.noIdentity).toBe(missing.length);
		expect(tally.invalid).toBe(invalid.length);
		expect(rows).toHaveLength(N - missing.length - invalid.length);
		for (const r of rows) expect(r[0]).toMatch(/^[a-z0-9.]+@example\.com$/);
		expect(cellsStartingFormula(text)).toEqual([]);
	});

	it('writes phone numbers in E.164 under "Phone Number"', async () => {
		const phones = ['+1 415 555 0100', '(415) 555-0101', '0033 1 23 45 67 89'];
		const { text, tally } = await write('klaviyo', (i) => phones[i % 3]!, { contact: 'phone' });
		const [header, ...rows] = parseCsv(text);
		expect(header![0]).toBe('Phone Number');
		expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['+14155550100', '+33123456789']));
		const invalid = Array.from({ length: N }, (_, i) => i % 3 === 1).filter(Boolean).length;
		expect(tally.invalid).toBe(invalid);
		expect(rows).toHaveLength(N - invalid);
	});
});

function cellsStartingFormula(text: string): string[] {
	return parseCsv(text)
		.flat()
		.filter((c) => startsFormula(c));
}

describe('Segment identify calls', () => {
	it('are one JSON object per line with userId and typed traits, under 32 KB each', async () => {
		const { text, tally } = await write('segment', (i) => (i === 2 ? null : `C-${i}`));
		const lines = text.trimEnd().split('\n');
		expect(lines).toHaveLength(N - 1);
		expect(tally.noIdentity).toBe(1);
		const ids = new Set<string>();
		for (const line of lines) {
			expect(new TextEncoder().encode(line).length).toBeLessThan(32 * 1024);
			const call = JSON.parse(line);
			expect(Object.keys(call).sort()).toEqual([
				'messageId',
				'timestamp',
				'traits',
				'type',
				'userId'
			]);
			expect(call.type).toBe('identify');
			expect(call.userId).toMatch(/^C-\d+$/);
			expect(call.timestamp).toBe('2026-11-30T00:00:00.000Z');
			expect(typeof call.traits.propensity_conversion_score).toBe('number');
			expect(typeof call.traits.propensity_conversion_probability).toBe('number');
			expect(typeof call.traits.propensity_conversion_percentile).toBe('number');
			expect(['high', 'medium', 'low']).toContain(call.traits.propensity_conversion_bucket);
			expect(Object.keys(call.traits)).toEqual(flatFieldNames('propensity_conversion'));
			ids.add(call.messageId);
		}
		expect(ids.size).toBe(lines.length);
		// The same model and profile give the same messageId, so a file sent twice counts once.
		const again = await write('segment', (i) => (i === 2 ? null : `C-${i}`));
		expect(again.text).toBe(text);
	});
});

describe('Adobe Experience Platform XDM records', () => {
	/** XDM's identityMap (Identity Map field group): namespace → [{id, primary, authenticatedState}]. */
	const identityMap = {
		type: 'object',
		minProperties: 1,
		additionalProperties: {
			type: 'array',
			minItems: 1,
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['id'],
				properties: {
					id: { type: 'string', minLength: 1 },
					primary: { type: 'boolean' },
					authenticatedState: { enum: ['ambiguous', 'authenticated', 'loggedOut'] }
				}
			}
		}
	};

	function validator(options = OPTIONS) {
		const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
		ajv.addMetaSchema(draft06);
		ajv.addVocabulary(['meta:intendedToExtend']);
		addFormats(ajv);
		const group = aepFieldGroup(options, 'Purchase in the next 30 days');
		// The field group exactly as downloaded, and a record: the identity map and the group.
		ajv.addSchema(group, 'field-group');
		return {
			group,
			record: ajv.compile({
				$schema: 'http://json-schema.org/draft-06/schema#',
				type: 'object',
				required: ['identityMap', `_${options.tenant}`],
				properties: {
					identityMap,
					[`_${options.tenant}`]: { type: 'object', required: [camelCase(options.prefix)] }
				},
				allOf: [{ $ref: 'field-group' }]
			})
		};
	}

	it('match the field group they come with, and nothing else does', async () => {
		const { group, record } = validator();
		expect(group['meta:intendedToExtend']).toEqual(['https://ns.adobe.com/xdm/context/profile']);
		const { text, tally } = await write('aep', email);
		const lines = text.trimEnd().split('\n');
		expect(lines.length).toBe(tally.written);
		expect(tally.noIdentity).toBeGreaterThan(0);
		let checked = 0;
		for (const line of lines) {
			const r = JSON.parse(line);
			expect(record(r), JSON.stringify(record.errors)).toBe(true);
			expect(r.identityMap.Email).toHaveLength(1);
			expect(r.identityMap.Email[0].primary).toBe(true);
			checked++;
		}
		expect(checked).toBeGreaterThan(30);
		// A misnamed field, a wrong type, or a score out of range are caught.
		const r = JSON.parse(lines[0]!);
		const bad = [
			{ ...r, _acme: { propensityConversion: { ...r._acme.propensityConversion, scor: 1 } } },
			{ ...r, _acme: { propensityConversion: { ...r._acme.propensityConversion, score: '87' } } },
			{ ...r, _acme: { propensityConversion: { ...r._acme.propensityConversion, score: 101 } } },
			{
				...r,
				_acme: {
					propensityConversion: { ...r._acme.propensityConversion, scoreDate: '30/11/2026' }
				}
			},
			{ ...r, identityMap: { Email: [{ id: '' }] } }
		];
		for (const b of bad) expect(record(b)).toBe(false);
	});

	it('use the tenant, namespace and prefix chosen', async () => {
		const options = { tenant: 'northwind', namespace: 'CRMID', prefix: 'churn_risk' };
		const { record } = validator({ ...OPTIONS, ...options });
		const { text } = await write('aep', (i) => `C-${i}`, options);
		const first = JSON.parse(text.split('\n')[0]!);
		expect(Object.keys(first)).toEqual(['identityMap', '_northwind']);
		expect(first.identityMap.CRMID[0].id).toBe('C-0');
		expect(Object.keys(first._northwind)).toEqual(['churnRisk']);
		expect(record(first), JSON.stringify(record.errors)).toBe(true);
	});

	it('refuse a tenant or namespace AEP would not take, and a bad prefix', () => {
		expect(aepOptionsProblem({ tenant: 'acme', namespace: 'Email' })).toBeNull();
		expect(aepOptionsProblem({ tenant: 'ac me', namespace: 'Email' })).toMatch(/tenant id/);
		expect(aepOptionsProblem({ tenant: 'acme', namespace: 'E mail' })).toMatch(/namespace/);
		expect(aepOptionsProblem({ tenant: 'acme', namespace: '' })).toMatch(
			/^Type the identity namespace/
		);
		expect(prefixProblem('propensity_churn')).toBeNull();
		for (const p of ['', 'Propensity', '1score', 'a-b', '=x'])
			expect(prefixProblem(p)).not.toBeNull();
	});
});

describe('a contact column the user has not pointed to', () => {
	it('is flagged only for lists that find people by contact, with nothing named like one', () => {
		const named = [{ name: 'plan' }, { name: 'E-Mail' }];
		const unnamed = [{ name: 'plan' }, { name: 'crm_id' }];
		expect(noContactColumn(['email', 'phone'], false, unnamed)).toBe(true);
		expect(noContactColumn(['email', 'phone'], false, named)).toBe(false);
		expect(noContactColumn(['email', 'phone'], true, unnamed)).toBe(false);
		expect(noContactColumn(['external_id', 'email'], false, unnamed)).toBe(false);
	});
});

describe('the AEP namespace an identity column suggests', () => {
	it('is Email, Phone or ECID by the name, and left to the user for any other id', () => {
		const cases: [string, string][] = [
			['email', 'Email'],
			['E-Mail Address', 'Email'],
			['mobile_no', 'Phone'],
			['ecid', 'ECID'],
			['user_ECID', 'ECID'],
			['customer_id', ''],
			['crm_id', ''],
			['decidedAt', '']
		];
		expect(cases.map(([c]) => [c, suggestedNamespace(c)])).toEqual(cases);
	});
});

describe('Google Ads and Meta customer lists', () => {
	it('hash each normalised contact once, in one column with the template header', async () => {
		for (const [id, platform, header] of [
			['google-ads', 'google', 'Email'],
			['meta', 'meta', 'email']
		] as const) {
			const { text, tally } = await write(id, email);
			const [head, ...lines] = text.trimEnd().split('\n');
			expect(head).toBe(header);
			const expected = [
				...new Set(
					Array.from({ length: N }, (_, i) => email(i))
						.map((e) => e && normaliseContact(e, 'email', platform))
						.filter((e): e is string => !!e)
				)
			].map(sha256);
			expect(lines).toEqual(expected);
			expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l))).toBe(true);
			expect(tally.duplicate).toBe(1);
			expect(tally.written + tally.noIdentity + tally.invalid + tally.duplicate).toBe(N);
			// The plain emails are nowhere in the file.
			expect(text).not.toContain('example.com');
		}
	});

	it('hash phones as E.164 for Google and digits for Meta', async () => {
		const phone = () => '+1 (415) 555-0123';
		const google = await write('google-ads', phone, { contact: 'phone' });
		const meta = await write('meta', phone, { contact: 'phone' });
		expect(google.text).toBe(`Phone\n${sha256('+14155550123')}\n`);
		expect(meta.text).toBe(`phone\n${sha256('14155550123')}\n`);
		expect(google.tally.duplicate).toBe(N - 1);
	});
});
