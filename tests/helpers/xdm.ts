// Nested XDM experience events, as a CDP exports them, built from the demo generator's rows, so
// the record readers are tested on realistic shapes without outside data.
import { generateDemo } from '../../src/lib/engine/demo/generate';

export interface XdmEvent {
	_id: string;
	timestamp: string;
	eventType: string;
	identityMap: { ECID: { id: string; primary: boolean }[]; Email: { id: string }[] };
	web?: { webPageDetails: { name: string } };
	commerce?: { order?: { priceTotal: number }; purchases?: { value: number } };
	productListItems?: { SKU: string; quantity: number; priceTotal: number }[];
	marketing?: { trackingCode: string };
	device: { type: string };
}

export function xdmEvents(customers = 120, seed = 3): XdmEvent[] {
	const lines = generateDemo({ customers, seed }).eventsCsv.trim().split('\n').slice(1);
	return lines.map((line, i) => {
		const [ts, ecid, eventType, value, page, device] = line.split(',') as string[];
		const e: XdmEvent = {
			_id: `evt-${i}`,
			timestamp: ts!.replace(' ', 'T') + 'Z',
			eventType: eventType!,
			identityMap: {
				ECID: [{ id: ecid!, primary: true }],
				Email: [{ id: `${ecid!.toLowerCase()}@example.com` }]
			},
			device: { type: device! }
		};
		if (page) e.web = { webPageDetails: { name: page } };
		if (i % 7 === 0) e.marketing = { trackingCode: i % 2 ? 'email' : 'search' };
		if (eventType!.startsWith('commerce.')) {
			const sku = `${i % 3 === 0 ? 'W' : 'B'}-${i % 50}`;
			const price = value ? Number(value) : 10 + (i % 40);
			e.productListItems = [{ SKU: sku, quantity: 1, priceTotal: price }];
			if (i % 5 === 0) e.productListItems.push({ SKU: `X-${i % 9}`, quantity: 2, priceTotal: 5 });
		}
		if (eventType === 'commerce.purchases')
			e.commerce = { order: { priceTotal: Number(value) }, purchases: { value: 1 } };
		return e;
	});
}

export const toNdjson = (events: unknown[]) =>
	events.map((e) => JSON.stringify(e)).join('\n') + '\n';
