// A fingerprint of the loaded events' content, whatever the files were called or how they were
// laid out: a saved model recognises the data it was trained on.
import { fingerprint } from '../engine/hash';
import { quoteIdent } from '../engine/sql/quote';
import { COL, EVENTS_TABLE } from '../engine/types';
import { firstRow } from './rows';
import type { Db } from './types';

export async function dataFingerprint(db: Db): Promise<string> {
	const [id, t, ev, v] = [COL.customerId, COL.t, COL.event, COL.value].map(quoteIdent);
	// XOR of row hashes: independent of row order, one pass, no sort.
	const r = firstRow(
		await db.query(
			`SELECT count(*) AS n, min(${t}) AS a, max(${t}) AS b, ` +
				`CAST(coalesce(bit_xor(hash(${id}, ${t}, ${ev}, ${v})), 0) AS VARCHAR) AS h FROM ${EVENTS_TABLE}`
		)
	);
	return fingerprint(`${r.n}|${r.a}|${r.b}|${r.h}`);
}
