// The destination presets (docs/destinations.md): each writes what one tool's documented import
// expects, from the same scored profiles the generic export writes.
import { aep } from './aep';
import { googleAds, meta } from './ads';
import { braze } from './braze';
import { klaviyo } from './klaviyo';
import { segment } from './segment';
import type { Preset, PresetId } from './types';

export const PRESETS: Record<PresetId, Preset> = {
	aep,
	segment,
	braze,
	klaviyo,
	'google-ads': googleAds,
	meta
};

export function isPresetId(x: string): x is PresetId {
	return Object.hasOwn(PRESETS, x);
}

export type * from './types';
export { emptyTally } from './types';
