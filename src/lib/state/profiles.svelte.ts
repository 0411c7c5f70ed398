// The Profiles step's choices: the filter on the table, its order, the export format, and the
// saved segments (named filters). Kept with the project; a new model keeps them (they are
// filters, not lists of customers).
import {
	NO_FILTER,
	type ProfileFilter,
	type Segment,
	type SortColumn
} from '../engine/profiles/filter';
import type { PresetId } from '../engine/export/destinations';
import type { ExportFormat } from './run.svelte';

/** What the Profiles step downloads: the output schema in a format, or a destination preset. */
export type ExportChoice = ExportFormat | PresetId;

export class ProfilesState {
	filter = $state<ProfileFilter>(structuredClone(NO_FILTER));
	sort = $state<{ column: SortColumn; descending: boolean }>({
		column: 'probability',
		descending: true
	});
	format = $state<ExportChoice>('csv');
	segments = $state<Segment[]>([]);

	/** Saves the current filter under `name`; returns why not when it cannot. */
	saveSegment(name: string): string | null {
		const n = name.trim();
		if (!n) return 'Give the segment a name.';
		if (this.segments.some((s) => s.name.toLowerCase() === n.toLowerCase()))
			return `There is already a segment called “${n}”. Choose another name or delete that one.`;
		this.segments = [...this.segments, { name: n, filter: $state.snapshot(this.filter) }];
		return null;
	}

	removeSegment(name: string): void {
		this.segments = this.segments.filter((s) => s.name !== name);
	}

	/** Shows a segment's profiles in the table. */
	show(segment: Segment): void {
		this.filter = structuredClone(segment.filter);
	}

	clearFilter(): void {
		this.filter = structuredClone(NO_FILTER);
	}
}
