// The realistic mode of bench/generate.ts: one SQL query (native DuckDB, over range()) whose rows
// are (timestamp, ecid, eventType, price, device), ordered by customer, drawn from hashes of the
// customer, episode, journey and event numbers only, so the same arguments give the same rows.
//
// The story it tells, and the signal a model can learn beyond recency:
// - a quarter of the customers are already customers when the log starts; the others arrive over
//   the year, a few in a November bump. Each stops after a lognormal lifetime (median 90 days for
//   new ones) and does nothing after it: over half have stopped before October;
// - events per customer are heavy-tailed (a lognormal weight times a function of the lifetime):
//   about 40 % have one to three events, the median 4, one in a hundred about 90, the busiest over
//   a thousand;
// - events come as journeys (2–6 events over an exponential consideration period, mean 12 days),
//   journeys as episodes (1–6 journeys up to three months either side of a centre). An episode is
//   buying with a probability set by the customer's propensity (a minority buy often, most rarely),
//   rising over the customer's life; most journeys of a buying episode convert (product views, cart
//   adds, a checkout minutes before the purchase), others end in an abandoned cart; browsing
//   episodes are mostly page views. So recent cart adds and product views, and past purchases, tell
//   who buys in the next weeks better than recency alone (bench/realistic.goal.json: AUC about 0.85
//   against 0.76 for the recency rule on a million events);
// - purchases carry a value around the customer's own spend level; each customer mostly uses one
//   device; journeys end at 08:00–22:00, fewer of them at weekends.

export interface RealisticOptions {
	events: number;
	customers: number;
}

/**
 * A uniform draw in [0, 1) for one (customer, journey or event number, stream): the three packed
 * into one BIGINT, hashed, top 53 bits (all a double holds). hash() of one integer mixes well;
 * hash(a, b) does not (hash(c, 26) and hash(c, 27) correlate at 0.5), hence the packing. Holds
 * while `sub` < 2^24 (the query fails rather than give a customer more events) and `stream` < 64.
 */
function u(customer: string, sub: string | number, stream: number): string {
	return `((hash((((${customer} << 24) + ${sub}) << 6) | ${stream}) >> 11) / 9007199254740992.0)`;
}

/** A standard normal draw from two uniforms (Box–Muller); `stream` and `stream + 1` are used. */
function z(customer: string, sub: string | number, stream: number): string {
	const [u1, u2] = [u(customer, sub, stream), u(customer, sub, stream + 1)];
	return `(sqrt(-2 * ln(1 - ${u1})) * cos(2 * pi() * ${u2}))`;
}

/** An exponential draw with the given mean. */
function exponential(mean: number, customer: string, sub: string, stream: number): string {
	return `(-${mean} * ln(1 - ${u(customer, sub, stream)}))`;
}

/**
 * The SELECT (no trailing semicolon). Days are counted from 2025-01-01 as doubles; every event
 * falls in [0, 365), i.e. in 2025. Needs `customers <= events` (each customer has an event).
 */
export function realisticEventsSql({ events, customers }: RealisticOptions): string {
	if (!(customers >= 1 && customers <= events))
		throw new Error(`realistic mode needs 1 <= customers <= events (got ${customers}, ${events})`);
	// Events beyond each customer's first, shared out by weight with integer arithmetic (exact and
	// independent of thread count, unlike a floating-point running sum).
	const extra = events - customers;
	return `
WITH c0 AS (
	SELECT c,
		-- a quarter are customers already when the log starts (seen from its first day, and longer
		-- lived: they have survived so far); most others arrive over the year, some in a November bump
		${u('c', 0, 1)} < 0.25 AS is_existing,
		CASE WHEN is_existing THEN 0 WHEN ${u('c', 0, 2)} < 0.88 THEN 365 * ${u('c', 0, 3)}
			ELSE least(364, 315 + 12 * ${z('c', 0, 4)}) END AS s,
		CASE WHEN is_existing THEN exp(ln(250) + 0.8 * ${z('c', 0, 6)})
			ELSE exp(ln(90) + 1.4 * ${z('c', 0, 6)}) END AS life,
		least(4, ${z('c', 0, 8)}) AS activity,
		1 / (1 + exp(3 - 4 * ${z('c', 0, 10)})) AS propensity,
		${z('c', 0, 12)} AS spend,
		2 + CAST(floor(5 * ${u('c', 0, 14)} * (1 - 0.7 * propensity)) AS BIGINT) AS journey_size,
		1 + CAST(floor(6 * ${u('c', 0, 15)}) AS BIGINT) AS episode_size,
		${u('c', 0, 16)} < 0.55 AS is_mobile
	FROM range(${customers}) t(c)
), c1 AS (
	SELECT *, least(365, s + life) AS e,
		-- the whole lifetime sets the rate, the share of it inside the log the count: a December
		-- arrival gets fewer events, not denser ones
		CAST(round(1000 * exp(1.3 * activity) * sqrt(1 + life / 30)
			* (least(365, s + life) - s) / life) AS BIGINT) AS w
	FROM c0
), c2 AS (
	SELECT *, sum(w) OVER (ORDER BY c ROWS UNBOUNDED PRECEDING) AS cum, sum(w) OVER () AS total
	FROM c1
), cust AS (
	SELECT *, 1 + CAST(CAST(${extra} AS HUGEINT) * cum // total
		- CAST(${extra} AS HUGEINT) * (cum - w) // total AS BIGINT) AS n
	FROM c2
), ev AS (
	SELECT *, k // journey_size AS j, k // journey_size // episode_size AS p
	FROM (SELECT *, unnest(range(if(n < 16777216, n,
		error('bench:generate: over 2^24 events for one customer; give more --customers')))) AS k
		FROM cust)
), episode AS (
	SELECT *,
		-- position from the journey's end: 0 is its last event (the purchase when it converts)
		least(journey_size, n - j * journey_size) - 1 - k % journey_size AS q,
		least(journey_size, n - j * journey_size) AS len,
		-- an episode's place in the customer's life; buying episodes grow likelier with it
		${u('c', 'p', 40)} AS phase,
		${u('c', 'p', 41)} < propensity * (0.6 + 0.4 * ${u('c', 'p', 40)}) AS is_buying
	FROM ev
), journey AS (
	SELECT *,
		${u('c', 'j', 21)} < CASE WHEN is_buying THEN 0.6 ELSE 0.03 END AS converts,
		${u('c', 'j', 22)} < CASE WHEN is_buying THEN 0.5 ELSE 0.15 END AS abandons,
		${exponential(12, 'c', 'j', 23)} AS consider,
		-- an episode's journeys within three months either side of its centre (less for a short
		-- life), reflected back into the customer's life
		s + (e - s) * phase + least(180, e - s) * (${u('c', 'j', 20)} - 0.5) AS at0
	FROM episode
), anchored AS (
	SELECT *,
		floor(least(364.999, CASE WHEN at0 < s THEN 2 * s - at0 WHEN at0 > e THEN 2 * e - at0
			ELSE at0 END)) AS day0
	FROM journey
), timed AS (
	SELECT *,
		-- fewer journeys end on a weekend (2025-01-01 was a Wednesday: (day + 2) % 7 = 0 is Monday),
		-- and they end at 08:00–22:00, most in the afternoon
		day0 - CASE WHEN (day0 + 2) % 7 >= 5 AND ${u('c', 'j', 24)} < 0.35 THEN 2 ELSE 0 END
			+ (8 + 7 * (${u('c', 'j', 25)} + ${u('c', 'j', 26)})) / 24 AS anchor
	FROM anchored
), typed AS (
	SELECT *,
		CASE
			WHEN converts AND q = 0 THEN 'commerce.purchases'
			WHEN converts AND q = 1 THEN 'commerce.checkouts'
			WHEN converts AND (q = 2 OR q = 3 AND ${u('c', 'k', 30)} < 0.5) OR abandons AND q = 0
				THEN 'commerce.productListAdds'
			WHEN ${u('c', 'k', 31)} < CASE WHEN is_buying THEN 0.55 ELSE 0.25 END + 0.2 * phase
				THEN 'commerce.productViews'
			ELSE 'web.webpagedetails.pageViews'
		END AS event_type,
		-- days before the anchor: a checkout minutes before its purchase; other events whole days
		-- (so a journey keeps its hour) into the consideration period, plus a few minutes so none
		-- shares the anchor's second. A converting journey's cart adds come 30–100 % of the period
		-- before its purchase, its views anywhere in it; other journeys run in order. Reflected at
		-- the start of the year rather than piled up on its first day.
		abs(anchor - CASE
			WHEN q = 0 THEN 0
			WHEN converts AND q = 1 THEN (2 + 28 * ${u('c', 'k', 32)}) / 1440
			ELSE (5 * q + 5 * ${u('c', 'k', 34)}) / 1440 + CASE
				WHEN converts AND q = 2 THEN round(consider * (0.3 + 0.7 * ${u('c', 'k', 33)}))
				WHEN converts THEN round(consider * ${u('c', 'k', 33)})
				ELSE round(consider * (q - 1 + ${u('c', 'k', 33)}) / greatest(len - 1, 1)) END
		END) AS day
	FROM timed
)
SELECT
	TIMESTAMP '2025-01-01' + to_seconds(CAST(floor(day * 86400) AS BIGINT)) AS timestamp,
	'ECID-' || c AS ecid,
	event_type AS eventType,
	CASE WHEN event_type = 'commerce.purchases'
		THEN round(greatest(1, exp(3.5 + 0.6 * spend + 0.35 * ${z('c', 'k', 35)})), 2) END AS price,
	CASE WHEN (${u('c', 'k', 37)} < 0.9) = is_mobile THEN 'mobile' ELSE 'desktop' END AS device
FROM typed`;
}
