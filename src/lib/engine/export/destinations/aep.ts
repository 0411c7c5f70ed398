// Adobe Experience Platform: XDM Individual Profile records, one JSON object per line (the
// single-line JSON that batch ingestion reads), and the field group they fill, as JSON Schema
// for the Schema Registry (`POST /schemaregistry/tenant/fieldgroups`). A record holds the
// identity map (the chosen namespace, the identity column's value, primary) and, under the
// organisation's tenant object, one object of propensity fields named by the prefix in camelCase:
//   {"identityMap":{"Email":[{"id":"ann@example.com","primary":true}]},
//    "_acme":{"propensityConversion":{"score":87,"probability":0.412,…,"reasons":[…]}}}
import { camelCase, propensityValues, REASONS } from './fields';
import { lineParts } from './rows';
import { contactKindOf } from '../../contacts';
import type { DestinationInput, DestinationOptions, Preset } from './types';

/** A tenant id as AEP writes it: letters, digits and "_" (shown with a leading "_"). */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9_]{0,63}$/;
/** An identity namespace code: "Email", "ECID", "Phone", or a custom one's ("CRMID"). */
const NAMESPACE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Standard namespaces the menu offers; a custom namespace's code may be typed ("CRMID"). */
export const STANDARD_NAMESPACES = ['Email', 'Phone', 'ECID', 'GAID', 'IDFA'] as const;

/**
 * The AEP namespace a column's name suggests: Email, Phone, ECID; "" for any other id (a CRM id's
 * namespace is the organisation's own, so the user types its code).
 */
export function suggestedNamespace(column: string): string {
	const kind = contactKindOf(column);
	if (kind) return kind === 'email' ? 'Email' : 'Phone';
	return /(^|[^a-z])ecid([^a-z]|$)/i.test(column) ? 'ECID' : '';
}

export function aepOptionsProblem(
	o: Pick<DestinationOptions, 'tenant' | 'namespace'>
): string | null {
	if (!TENANT.test(o.tenant))
		return `“${o.tenant}” is not a tenant id: copy it from Schemas → any schema's tenant field group (the name after “_”, letters and digits only).`;
	if (!o.namespace)
		return 'Type the identity namespace of the identity column: its code under Identities → Namespaces (ECID, Email, Phone, or your own, like CRMID).';
	if (!NAMESPACE.test(o.namespace))
		return `“${o.namespace}” is not an identity namespace code: use the code shown under Identities → Namespaces (Email, Phone, ECID, or your own).`;
	return null;
}

/** The record's propensity object (the field group's object, filled in). */
function propensityObject(input: DestinationInput, i: number) {
	const v = propensityValues(input.profiles, i, input.ctx);
	return {
		score: v.score,
		probability: v.probability,
		percentile: v.percentile,
		bucket: v.bucket,
		propensityType: v.propensityType,
		scoreDate: v.scoreDate,
		modelId: v.modelId,
		reasons: v.reasons
	};
}

export const aep: Preset = {
	id: 'aep',
	name: 'Adobe Experience Platform',
	file: 'XDM profile records, JSON',
	extension: 'json',
	type: 'application/json',
	contacts: ['external_id'],
	segmentOnly: false,
	docs: 'https://experienceleague.adobe.com/en/docs/experience-platform/ingestion/batch/overview',
	parts(input: DestinationInput) {
		const { tenant, namespace, prefix } = input.options;
		const field = camelCase(prefix);
		return lineParts(input, (i, id) =>
			JSON.stringify({
				identityMap: { [namespace]: [{ id, primary: true }] },
				[`_${tenant}`]: { [field]: propensityObject(input, i) }
			})
		);
	}
};

const str = (title: string, description: string, extra: object = {}) => ({
	title,
	type: 'string',
	description,
	...extra
});
const int = (title: string, description: string, minimum: number, maximum: number) => ({
	title,
	type: 'integer',
	description,
	minimum,
	maximum
});

/**
 * The field group the records fill, for the Schema Registry: it extends XDM Individual Profile
 * and holds, under `_<tenant>`, the object `<prefix in camelCase>`. Every object forbids other
 * properties, so a record that does not match it is caught before AEP sees it.
 */
export function aepFieldGroup(options: DestinationOptions, goalName: string) {
	const field = camelCase(options.prefix);
	const tenantKey = `_${options.tenant}`;
	const reason = {
		type: 'object',
		additionalProperties: false,
		required: ['name', 'sentence', 'contribution', 'importance'],
		properties: {
			name: str('Reason', 'The factor group: what the reason is about ("Cart add activity").'),
			sentence: str(
				'Detail',
				'The reason in words for this profile ("3 cart adds in the last 7 days").'
			),
			contribution: {
				title: 'Contribution',
				type: 'number',
				description: "The reason's effect on the log-odds of the goal (positive raises it)."
			},
			importance: str('Importance', 'high, medium or low.', { enum: ['high', 'medium', 'low'] })
		}
	};
	const propensity = {
		title: `Propensity: ${goalName}`,
		type: 'object',
		description: `Scores of the Propensity Lab model for “${goalName}”.`,
		additionalProperties: false,
		required: [
			'score',
			'probability',
			'percentile',
			'bucket',
			'propensityType',
			'scoreDate',
			'modelId'
		],
		properties: {
			score: int(
				'Score',
				'0–100, linear in probability between the least and the most likely profile.',
				0,
				100
			),
			probability: {
				title: 'Probability',
				type: 'number',
				description: 'Calibrated probability of the goal (conversion) or of its absence (churn).',
				minimum: 0,
				maximum: 1
			},
			percentile: int(
				'Percentile',
				'Share of scored profiles at or below this one, 1–100.',
				1,
				100
			),
			bucket: str('Bucket', 'high (percentile 81–100), medium (51–80) or low (1–50).', {
				enum: ['high', 'medium', 'low']
			}),
			propensityType: str('Propensity type', 'conversion or churn.', {
				enum: ['conversion', 'churn']
			}),
			scoreDate: str('Score date', 'The scoring cutoff: the model saw only events before it.', {
				format: 'date'
			}),
			modelId: str(
				'Model id',
				'Fingerprint of the model: the same model always writes the same id.'
			),
			reasons: {
				title: 'Top reasons',
				type: 'array',
				description: 'The factor groups that moved the score most, largest first.',
				maxItems: REASONS,
				items: reason
			}
		}
	};
	return {
		$schema: 'http://json-schema.org/draft-06/schema#',
		title: `Propensity Lab: ${goalName}`,
		description: `Propensity scores and their top reasons for “${goalName}”, written by Propensity Lab.`,
		type: 'object',
		'meta:intendedToExtend': ['https://ns.adobe.com/xdm/context/profile'],
		definitions: {
			propensity: {
				type: 'object',
				properties: {
					[tenantKey]: {
						type: 'object',
						properties: { [field]: propensity }
					}
				}
			}
		},
		allOf: [{ $ref: '#/definitions/propensity' }]
	};
}
