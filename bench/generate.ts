// npm run bench:generate -- --events 10000000 --out /tmp/events.csv|.ndjson|.parquet [--customers N]
// Writes a synthetic event log (XDM-like event types, a year, purchases with values) with native
// DuckDB, fast and at any size, for load benchmarks. Seeded by row number: same args, same file.
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../src/lib/engine/sql/quote';

function arg(name: string, fallback?: string): string {
	const i = process.argv.indexOf(`--${name}`);
	const v = i >= 0 ? process.argv[i + 1] : fallback;
	if (v === undefined) {
		console.error(`bench:generate: give --${name}`);
		process.exit(1);
	}
	return v;
}

const events = Number(arg('events', '10000000'));
const out = arg('out');
const customers = Number(arg('customers', String(Math.max(1000, Math.round(events / 40)))));
const format = out.endsWith('.parquet')
	? '(FORMAT parquet, COMPRESSION zstd)'
	: out.endsWith('.ndjson')
		? '(FORMAT json)'
		: '(FORMAT csv, HEADER true)';

// JSON and Parquet exports nest fields as CDPs do (commerce.order.priceTotal); CSV flattens them.
const nested = !out.endsWith('.csv') && !out.endsWith('.csv.gz');
const PRICE = 'CASE WHEN h % 100 >= 96 THEN round(10 + (h2 % 20000) / 100.0, 2) END';
const DEVICE = "CASE WHEN h % 3 = 0 THEN 'mobile' ELSE 'desktop' END";

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const started = performance.now();
await c.run(`
COPY (
	WITH r AS (SELECT i, hash(i) AS h, hash(i * 7919 + 1) AS h2 FROM range(${events}) t(i))
	SELECT
		TIMESTAMP '2025-01-01' + to_microseconds(CAST((h % 31536000000) * 1000 AS BIGINT)) AS timestamp,
		'ECID-' || (h2 % ${customers}) AS ecid,
		CASE WHEN h % 100 < 50 THEN 'web.webpagedetails.pageViews' WHEN h % 100 < 80 THEN 'commerce.productViews'
			WHEN h % 100 < 92 THEN 'commerce.productListAdds' WHEN h % 100 < 96 THEN 'commerce.checkouts' ELSE 'commerce.purchases' END AS eventType,
		${nested ? `struct_pack("order" := struct_pack(priceTotal := ${PRICE})) AS commerce` : `${PRICE} AS "commerce.order.priceTotal"`},
		${nested ? `struct_pack(type := ${DEVICE}) AS device` : `${DEVICE} AS "device.type"`}
	FROM r
) TO ${quoteLiteral(out)} ${format}`);
console.log(
	JSON.stringify({ events, customers, out, ms: Math.round(performance.now() - started) })
);
