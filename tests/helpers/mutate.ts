// Seeded random damage to a JSON document, as files get damaged by hand, by tools and by people
// who mean harm: values replaced by hostile ones (wrong types, huge or non-finite numbers, long
// texts, deep nesting, Object member names), closed-vocabulary words swapped for other words of
// the same vocabularies, numbers nudged, keys deleted or added, list items dropped or repeated,
// values moved between places, and the text itself cut short or given an infinite number.
import { rng } from '../../src/lib/engine/random';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

interface Site {
	parent: Container;
	key: string | number;
}

/** Words of the closed vocabularies files use, so one can be swapped for another. */
const VOCABULARY = [
	'count',
	'daysSince',
	'tenure',
	'category',
	'attribute',
	'log1p',
	'signedLog1p',
	'none',
	'train',
	'validation',
	'score',
	'high',
	'medium',
	'low',
	'linear',
	'hinge',
	'missing',
	'spline',
	'additive',
	'conversion',
	'churn',
	'eq',
	'in',
	'between',
	'exists',
	'event',
	'value',
	'sku',
	'tier',
	'colour',
	'2024-06-01',
	'1'
];

function nested(depth: number): Json {
	let c: Json = { field: 'event', op: 'exists' };
	for (let i = 0; i < depth; i++) c = { all: [c] };
	return c;
}

export class Mutator {
	readonly next: () => number;
	/** What was done, for a failing test's message. */
	readonly log: string[] = [];

	constructor(seed: number) {
		this.next = rng(seed);
	}

	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	pick<T>(xs: readonly T[]): T {
		return xs[this.int(xs.length)]!;
	}

	hostile(): Json {
		const values: (() => Json)[] = [
			() => null,
			() => true,
			() => 0,
			() => -1,
			() => 0.5,
			() => 2,
			() => 101,
			() => 1e308,
			() => -1e308,
			() => 5e-324,
			() => 2 ** 53 + 2,
			() => '',
			() => 'x',
			() => '1',
			() => 'NaN',
			() => '__proto__',
			() => 'constructor',
			() => '=HYPERLINK("x")',
			() => 'x'.repeat(1 + this.int(300_000)),
			() => [],
			() => ({}),
			() => [0, 1],
			() => ({ ['__proto__']: { polluted: true } }),
			() => nested(20 + this.int(200))
		];
		return this.pick(values)();
	}

	/** Every (container, key) in the document, found without recursion. */
	sites(root: Json): Site[] {
		const out: Site[] = [];
		const stack: Json[] = [root];
		while (stack.length) {
			const node = stack.pop()!;
			if (node === null || typeof node !== 'object') continue;
			const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
			for (const key of keys) {
				out.push({ parent: node, key });
				stack.push((node as Record<string | number, Json>)[key]!);
			}
		}
		return out;
	}

	/** One change somewhere in `root` (in place). Half the time at an object key, for variety. */
	mutate(root: Json): void {
		const all = this.sites(root);
		if (!all.length) {
			this.log.push('nothing to change in an empty part');
			return;
		}
		const named = all.filter((s) => !Array.isArray(s.parent));
		const site = this.pick(this.next() < 0.5 && named.length ? named : all);
		const parent = site.parent as Record<string | number, Json>;
		const old = parent[site.key]!;
		const at = `${String(site.key)}`;
		const kind = this.int(8);
		if (kind === 0 || kind === 1) {
			parent[site.key] = this.hostile();
			this.log.push(`${at} = ${JSON.stringify(parent[site.key])?.slice(0, 60)}`);
		} else if (kind === 2 && typeof old === 'string') {
			parent[site.key] = this.pick(VOCABULARY);
			this.log.push(`${at}: "${old.slice(0, 30)}" → "${String(parent[site.key])}"`);
		} else if (kind === 3 && typeof old === 'number') {
			const nudges = [
				-old,
				old * 10,
				old + 1,
				old / 3,
				old * 1e300,
				Math.round(old) + 0.5,
				old - 1e12
			];
			parent[site.key] = this.pick(nudges);
			this.log.push(`${at}: ${old} → ${String(parent[site.key])}`);
		} else if (kind === 4) {
			if (Array.isArray(site.parent)) site.parent.splice(site.key as number, 1);
			else delete parent[site.key];
			this.log.push(`delete ${at}`);
		} else if (kind === 5 && Array.isArray(site.parent)) {
			site.parent.splice(site.key as number, 0, structuredClone(old));
			this.log.push(`repeat ${at}`);
		} else if (kind === 6) {
			const other = this.pick(all);
			parent[site.key] = structuredClone(
				(other.parent as Record<string | number, Json>)[other.key]!
			);
			this.log.push(`${at} = the value of ${String(other.key)}`);
		} else {
			if (Array.isArray(site.parent)) site.parent.push(this.hostile());
			else
				// An own key, as JSON.parse makes one, even for "__proto__".
				Object.defineProperty(
					parent,
					this.pick(['extra', '__proto__', 'constructor', 'toString']),
					{
						value: this.hostile(),
						enumerable: true,
						writable: true,
						configurable: true
					}
				);
			this.log.push(`add beside ${at}`);
		}
	}

	/** Damage to the text itself: cut short, a number made infinite, a character changed. */
	mutateText(text: string): string {
		const kind = this.int(3);
		if (kind === 0) {
			const n = this.int(text.length);
			this.log.push(`cut at ${n} of ${text.length}`);
			return text.slice(0, n);
		}
		if (kind === 1) {
			const numbers = [...text.matchAll(/(?<=[:,[])-?\d+(\.\d+)?(e[+-]?\d+)?(?=[,\]}])/g)];
			const m = numbers.length ? this.pick(numbers) : null;
			if (m) {
				this.log.push(`${m[0]} → 1e999 at ${m.index}`);
				return text.slice(0, m.index) + '1e999' + text.slice(m.index + m[0].length);
			}
		}
		const i = this.int(text.length);
		const c = this.pick(['"', '}', ']', ',', '0', 'x', '\\', '\u0000']);
		this.log.push(`char ${i} → ${JSON.stringify(c)}`);
		return text.slice(0, i) + c + text.slice(i + 1);
	}
}
