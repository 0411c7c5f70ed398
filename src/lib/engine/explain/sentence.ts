// Plain sentences for factors: a feature's human name and a profile's value become
// "No purchase in the last 45 days" or "3 product views in the last 7 days".
import type { FeatureInfo } from './factors';
import { capitalise } from './nouns';

// Formatters are built once: toLocaleString builds one per call, which dominates scoring time.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const CENTS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function whole(x: number): string {
	const n = Math.round(x);
	// Below a thousand there is no grouping separator: the plain string is the same, and faster.
	return Math.abs(n) < 1000 && !Object.is(n, -0) ? String(n) : WHOLE.format(n);
}

function amount(x: number): string {
	return (Math.abs(x) >= 100 ? WHOLE : CENTS).format(x);
}

function days(n: number): string {
	return n === 1 ? '1 day' : `${whole(n)} days`;
}

export function factorSentence(f: FeatureInfo, value: number): string {
	const w = f.windowDays ?? 0;
	if (!isFinite(value)) return `${f.name}: unknown`;
	switch (f.kind) {
		case 'count': {
			const n = Math.round(value);
			if (n === 0) return `No ${f.noun.one} in the last ${days(w)}`;
			return `${whole(n)} ${n === 1 ? f.noun.one : f.noun.many} in the last ${days(w)}`;
		}
		case 'daysSince': {
			if (value >= (f.capDays ?? Infinity))
				return `No ${f.noun.one} in the last ${days(f.capDays!)}`;
			const d = Math.floor(value);
			return d === 0 ? `Last ${f.noun.one} on the last day` : `Last ${f.noun.one} ${days(d)} ago`;
		}
		case 'tenure':
			return value <= 0
				? `No ${f.noun.one} in the last ${days(w)}`
				: `First ${f.noun.one} ${days(Math.floor(value))} ago`;
		case 'activeDays':
			return f.noun.one === 'event'
				? `Active on ${days(Math.round(value))} of the last ${days(w)}`
				: `${capitalise(f.noun.many)} on ${days(Math.round(value))} of the last ${days(w)}`;
		case 'valueSum':
			return value === 0
				? `No value from ${f.noun.many} in the last ${days(w)}`
				: `Total value of ${f.noun.many} in the last ${days(w)}: ${amount(value)}`;
		case 'valueMean':
			return `Average value ${amount(value)} per ${f.noun.one} in the last ${days(w)}`;
		case 'distinctTypes':
			return `${whole(value)} different event types in the last ${days(w)}`;
		case 'trend': {
			const n = Math.round(value);
			if (n === 0) return `As many ${f.noun.many} in the last 30 days as in the 30 before`;
			return `${whole(Math.abs(n))} ${n > 0 ? 'more' : 'fewer'} ${f.noun.many} in the last 30 days than in the 30 before`;
		}
		case 'gap':
			return value >= (f.capDays ?? Infinity)
				? `Active on at most one day in the last ${days(w)}`
				: `Active every ${days(Math.max(1, Math.round(value)))} on average`;
		case 'overdue':
			return value >= 1
				? `Last event ${value.toFixed(1)}× the usual gap ago`
				: `Last event sooner than the usual gap (${value.toFixed(1)}×)`;
		case 'share':
			return `${Math.round(100 * value)} % of events ${f.noun.many.replace(/^events? /, '')} (last ${days(w)})`;
		case 'attribute':
			return `${f.name} is ${amount(value)}`;
		case 'attributeDays':
			return `${f.name}: ${days(Math.floor(value))}`;
		case 'category':
			// The group is the attribute, by the name people read (see groups.ts).
			return value >= 0.5
				? `${f.group.name} is ${f.category}`
				: `${f.group.name} is not ${f.category}`;
	}
}
