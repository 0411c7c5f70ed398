// npm run bench:generate -- --events 10000000 --out /tmp/events.csv|.ndjson|.parquet
//                           [--customers N] [--realistic | --mode uniform|realistic]
// Writes a synthetic event log (XDM-like event types, the year 2025, purchases with values) with
// native DuckDB, fast and at any size, for load benchmarks. Seeded by row, customer and journey
// numbers: same args, same file (byte for byte).
// - uniform (default; 40 events per customer): every event independent of the others, so there is
//   no signal to learn (AUC 0.50 is expected);
// - realistic (--realistic; 10 events per customer by default): heavy-tailed activity, customers
//   who stop, journeys whose intent shifts over a customer's life, and a purchase signal a model
//   learns beyond recency (bench/generate-realistic.ts; goal: bench/realistic.goal.json).
import { DuckDBInstance } from '@duckdb/node-api';
import { keyword, quoteLiteral } from '../src/lib/engine/sql/quote';
import { realisticEventsSql } from './generate-realistic';

function arg(name: string, fallback?: string): string {
	const i = process.argv.indexOf(`--${name}`);
	const v = i >= 0 ? process.argv[i + 1] : fallback;
	if (v === undefined) {
		console.error(`bench:generate: give --${name}`);
		process.exit(1);
	}
	return v;
}

const mode = process.argv.includes('--realistic')
	? 'realistic'
	: keyword(arg('mode', 'uniform'), 'mode', ['uniform', 'realistic'] as const);
const events = Number(arg('events', '10000000'));
const out = arg('out');
// Realistic mode needs a customer per event at most (each has at least one), hence no floor.
const defaultCustomers =
	mode === 'realistic'
		? Math.max(1, Math.round(events / 10))
		: Math.max(1000, Math.round(events / 40));
const customers = Number(arg('customers', String(defaultCustomers)));
const format = out.endsWith('.parquet')
	? '(FORMAT parquet, COMPRESSION zstd)'
	: out.endsWith('.ndjson')
		? '(FORMAT json)'
		: '(FORMAT csv, HEADER true)';

/** Uniform mode: each row's fields from two hashes of its number. */
function uniformEventsSql(): string {
	return `
	WITH r AS (SELECT i, hash(i) AS h, hash(i * 7919 + 1) AS h2 FROM range(${events}) t(i))
	SELECT
		TIMESTAMP '2025-01-01' + to_microseconds(CAST((h % 31536000000) * 1000 AS BIGINT)) AS timestamp,
		'ECID-' || (h2 % ${customers}) AS ecid,
		CASE WHEN h % 100 < 50 THEN 'web.webpagedetails.pageViews' WHEN h % 100 < 80 THEN 'commerce.productViews'
			WHEN h % 100 < 92 THEN 'commerce.productListAdds' WHEN h % 100 < 96 THEN 'commerce.checkouts' ELSE 'commerce.purchases' END AS eventType,
		CASE WHEN h % 100 >= 96 THEN round(10 + (h2 % 20000) / 100.0, 2) END AS price,
		CASE WHEN h % 3 = 0 THEN 'mobile' ELSE 'desktop' END AS device
	FROM r`;
}

// JSON and Parquet exports nest fields as CDPs do (commerce.order.priceTotal); CSV flattens them.
const nested = !out.endsWith('.csv') && !out.endsWith('.csv.gz');
const source =
	mode === 'realistic' ? realisticEventsSql({ events, customers }) : uniformEventsSql();

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const started = performance.now();
await c.run(`
COPY (
	SELECT timestamp, ecid, eventType,
		${nested ? `struct_pack("order" := struct_pack(priceTotal := price)) AS commerce` : `price AS "commerce.order.priceTotal"`},
		${nested ? `struct_pack(type := device) AS device` : `device AS "device.type"`}
	FROM (${source})
) TO ${quoteLiteral(out)} ${format}`);
console.log(
	JSON.stringify({ mode, events, customers, out, ms: Math.round(performance.now() - started) })
);
