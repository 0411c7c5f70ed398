// The feature matrix and labels a model was trained, validated and scored on, as CSV: for
// checking our model against other tools on exactly the same rows (bench/reference.py), or in
// the analyst's own notebook. Values are the raw features (before the model's transforms), each
// printed with 9 significant digits so it reads back as the same 32-bit float; missing is empty.
// Ids and feature keys go through `csvField`, so none starts a spreadsheet formula; values,
// cutoffs, roles and labels are numbers and words of our own.
import { isoDay } from '../cutoffs';
import type { FeatureMatrix } from '../features/matrix';
import { csvField } from './csv-field';

const ROWS_PER_PART = 20_000;

export function matrixCsvHeader(m: FeatureMatrix): string[] {
	return ['customer_id', 'cutoff', 'role', 'label', ...m.features.map((f) => f.key)];
}

function value(v: number): string {
	return isFinite(v) ? String(+v.toPrecision(9)) : '';
}

/**
 * The CSV text in parts (header first), so a million-row matrix never becomes one string: give
 * the parts to a Blob. `role` is train, validation or score; `label` is empty at the scoring cutoff.
 */
export function matrixCsvParts(m: FeatureMatrix): string[] {
	const parts = [matrixCsvHeader(m).map(csvField).join(',') + '\n'];
	const cutoffCells = m.cutoffs.map((c) => `${isoDay(c.t)},${c.role}`);
	for (let start = 0; start < m.rows; start += ROWS_PER_PART) {
		const lines: string[] = [];
		for (let i = start; i < Math.min(m.rows, start + ROWS_PER_PART); i++) {
			const cells = [
				csvField(m.customerIds[i]!),
				cutoffCells[m.cutoffIndex[i]!]!,
				m.labels[i]! < 0 ? '' : String(m.labels[i])
			];
			for (let j = 0; j < m.cols; j++) cells.push(value(m.x[i * m.cols + j]!));
			lines.push(cells.join(','));
		}
		parts.push(lines.join('\n') + '\n');
	}
	return parts;
}
