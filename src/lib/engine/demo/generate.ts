// The built-in demo dataset: a year of XDM-like web and commerce events for a seeded population
// of shoppers, plus a profile table. The planted signal: shoppers who abandoned a cart come back
// to buy within weeks, and "intent" shows in product views and cart adds, not in recency alone,
// so a good model clearly beats a recency rule.
import { Utf8Parts } from '../export/utf8';
import { rng } from '../random';

function normal(r: () => number): number {
	const u = Math.max(r(), 1e-12);
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

function poisson(r: () => number, lambda: number): number {
	const limit = Math.exp(-lambda);
	let k = 0;
	let p = r();
	while (p > limit) {
		k++;
		p *= r();
	}
	return k;
}

function pick<T>(r: () => number, items: readonly T[]): T {
	return items[Math.floor(r() * items.length)]!;
}

export interface DemoOptions {
	seed?: number;
	customers?: number;
	/** First day of the year of data (UTC, ISO date). */
	start?: string;
	days?: number;
}

export interface DemoDataset {
	eventsCsv: string;
	profilesCsv: string;
	events: number;
	customers: number;
}

const PAGES = ['home', 'search', 'category', 'deals', 'account', 'help'];
const COUNTRIES = ['US', 'US', 'US', 'GB', 'DE', 'FR', 'CA'];
const DEVICES = ['desktop', 'mobile', 'mobile', 'tablet'];
const DAY = 86_400_000;

function stamp(t: number): string {
	return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A shopper's email, for the destinations that find people by email (Klaviyo, the ad audiences):
 * on the reserved example.com domain, missing for about one in twelve, and now and then typed
 * with capitals and spaces, as real lists are. Made from the index alone, so the rest of the demo
 * draws the same random numbers as before it had emails.
 */
function demoEmail(c: number): string {
	if (c % 12 === 7) return '';
	if (c % 25 === 3) return ` Shopper.${c}@Example.com `;
	return `shopper.${c}@example.com`;
}

const EVENTS_HEADER =
	'timestamp,ecid,eventType,commerce.order.priceTotal,web.webPageDetails.name,device.type';
const PROFILES_HEADER = 'ecid,country,loyaltyTier,signupDate,marketingOptIn,email';

/** One shopper's lines: its profile, and its events in time order. */
interface Shopper {
	profile: string;
	events: string[];
}

/** The shoppers one after another, every random number drawn in the same order as ever. */
function* shoppers(o: DemoOptions): Generator<Shopper> {
	const r = rng(o.seed ?? 20240601);
	const customers = o.customers ?? 5000;
	const days = o.days ?? 365;
	const t0 = Date.parse(o.start ?? '2025-01-01T00:00:00Z');
	for (let c = 0; c < customers; c++) {
		const id = `ECID-${(c * 7919 + 104729).toString(36).toUpperCase().padStart(6, '0')}`;
		const intent = 1 / (1 + Math.exp(-(normal(r) - 0.4)));
		let rate = Math.exp(-3.3 + 0.8 * normal(r));
		const hazard = Math.exp(-5.6 + 0.6 * normal(r));
		const basket = Math.exp(3.6 + 0.5 * normal(r));
		const device = pick(r, DEVICES);
		const joined = Math.floor(r() * days * 1.1) - Math.floor(days * 0.25);
		const tier = intent > 0.6 && r() < 0.7 ? 'gold' : r() < 0.5 ? 'silver' : 'bronze';
		const profile = [
			id,
			pick(r, COUNTRIES),
			tier,
			new Date(t0 + joined * DAY).toISOString().slice(0, 10),
			r() < 0.6 ? 'yes' : 'no',
			demoEmail(c)
		].join(',');
		const lines: string[] = [];
		let alive = true;
		let cartUntil = -1;
		for (let d = Math.max(0, joined); d < days; d++) {
			if (alive && r() < hazard) {
				alive = false;
				rate *= 0.08;
			}
			const weekday = new Date(t0 + d * DAY).getUTCDay();
			const season = 1 + 0.35 * Math.exp(-(((d - days * 0.9) / 20) ** 2));
			const boost = d <= cartUntil ? 3 : 1;
			const sessions = poisson(
				r,
				rate * season * boost * (weekday === 0 || weekday === 6 ? 1.25 : 1)
			);
			for (let s = 0; s < sessions; s++) {
				let t = t0 + d * DAY + Math.floor((8 + 14 * r()) * 3_600_000);
				const emit = (type: string, value = '', page = '') => {
					t += Math.floor(20_000 + r() * 90_000);
					if (t < t0 + days * DAY)
						lines.push(`${stamp(t)},${id},${type},${value},${page},${device}`);
				};
				const pageViews = 1 + poisson(r, 1.2);
				for (let k = 0; k < pageViews; k++)
					emit('web.webpagedetails.pageViews', '', pick(r, PAGES));
				const views = poisson(r, 0.4 + 2.2 * intent);
				for (let k = 0; k < views; k++) emit('commerce.productViews', '', 'product');
				const hasCart = d <= cartUntil;
				if (views === 0 && !hasCart) continue;
				if (r() < 0.08 + 0.45 * intent || (hasCart && r() < 0.5)) {
					emit('commerce.productListAdds', '', 'product');
					const buys = hasCart ? 0.75 : 0.25 + 0.35 * intent;
					if (r() < buys) {
						emit('commerce.checkouts', '', 'checkout');
						const value = (basket * Math.exp(0.4 * normal(r))).toFixed(2);
						emit('commerce.purchases', value, 'confirmation');
						cartUntil = -1;
					} else if (!hasCart) cartUntil = d + 10 + Math.floor(r() * 14);
				}
			}
		}
		yield { profile, events: lines };
	}
}

/** Generates the demo; same options, same bytes. About 5,000 customers and 200,000 events. */
export function generateDemo(o: DemoOptions = {}): DemoDataset {
	const events = [EVENTS_HEADER];
	const profiles = [PROFILES_HEADER];
	for (const s of shoppers(o)) {
		profiles.push(s.profile);
		for (const e of s.events) events.push(e);
	}
	return {
		eventsCsv: events.join('\n') + '\n',
		profilesCsv: profiles.join('\n') + '\n',
		events: events.length - 1,
		customers: profiles.length - 1
	};
}

/** Shoppers made between two pauses (about 30 ms of work). */
const SHOPPERS_PER_SLICE = 250;

/**
 * The same files as `generateDemo`, as UTF-8 bytes, made `SHOPPERS_PER_SLICE` shoppers at a time
 * with `pause` awaited between (made at once, with its encoding, it held the page's thread for
 * a second: docs/BENCHMARKS.md, session 14).
 */
export async function generateDemoBytes(
	o: DemoOptions,
	pause: () => Promise<void>
): Promise<{ events: Uint8Array; profiles: Uint8Array }> {
	const events = new Utf8Parts(1 << 24);
	const profiles = new Utf8Parts(1 << 19);
	events.write(EVENTS_HEADER + '\n');
	profiles.write(PROFILES_HEADER + '\n');
	let made = 0;
	for (const s of shoppers(o)) {
		profiles.write(s.profile + '\n');
		for (const e of s.events) events.write(e + '\n');
		if (++made % SHOPPERS_PER_SLICE === 0) await pause();
	}
	return { events: events.take(), profiles: profiles.take() };
}
