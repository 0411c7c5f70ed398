// The Profiles step's downloads, for all profiles, the ones shown or a segment: the output
// schema in the chosen format, or the chosen destination preset (with what it left out said).
import { isPresetId, PRESETS } from '../../engine/export/destinations';
import type { ExportChoice } from '../../state/profiles.svelte';
import type { ProjectState } from '../../state/project.svelte';
import { errorMessage } from '../../state/data.svelte';
import { download } from '../download';
import { FORMAT_NAME } from '../format';

/** The choice as a button says it: "CSV", "Braze". */
export function choiceName(choice: ExportChoice): string {
	return isPresetId(choice) ? PRESETS[choice].name : FORMAT_NAME[choice];
}

export async function exportChosen(
	project: ProjectState,
	rows?: ArrayLike<number>,
	label?: string
): Promise<void> {
	const choice = project.profiles.format;
	try {
		if (!isPresetId(choice)) {
			const out = await project.run.exportScores(choice, rows, label);
			if (out) download(out.blob, out.fileName);
			return;
		}
		const { file, notice } = await project.destination.export(project.run, choice, rows, label);
		if (file) download(file.blob, file.fileName);
		if (notice) project.run.notice = notice;
	} catch (e) {
		project.run.notice = `The file could not be made: ${errorMessage(e)}`;
	}
}
