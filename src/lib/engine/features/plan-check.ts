// Whether loaded data has what a saved model's features are built from: values when it learned
// from values, and every profile attribute with the same kind of type. Each problem says how
// to fix it.
import { isNumericType, isTemporalType } from '../goal/compile';
import type { ColumnInfo } from '../types';
import type { FeaturePlanInput } from './spec';

function typeKind(type: string): 'number' | 'date' | 'text' {
	return isNumericType(type) ? 'number' : isTemporalType(type) ? 'date' : 'text';
}

export function planProblems(
	plan: FeaturePlanInput,
	data: { profileColumns: ColumnInfo[] | null },
	hasValue: boolean
): string[] {
	const problems: string[] = [];
	if (plan.hasValue && !hasValue)
		problems.push(
			'It learned from event values (amounts), but these events have none: map the value column in the Data step.'
		);
	const attributes = plan.attributes.map((a) => a.column);
	if (attributes.length && !data.profileColumns)
		problems.push(
			`It uses the profile attributes ${attributes.map((c) => `"${c.name}"`).join(', ')}: open the profile file that has them.`
		);
	else
		for (const want of attributes) {
			const have = data.profileColumns?.find((c) => c.name === want.name);
			if (!have)
				problems.push(
					`It uses the profile attribute "${want.name}", which the profile file lacks: open a profile file with that column.`
				);
			else if (typeKind(have.type) !== typeKind(want.type))
				problems.push(
					`The profile attribute "${want.name}" held ${typeKind(want.type)}s when the model was trained, but holds ${typeKind(have.type)}s now.`
				);
		}
	return problems;
}
