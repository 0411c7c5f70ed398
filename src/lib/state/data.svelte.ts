// The Data step's state: the event files (each with its column mapping), the optional profile
// file and the quality report. A failed load leaves everything that was loaded before.
import { loadEvents, type EventPart, type LoadReport } from '../db/events';
import { InputError, loadProfiles, releaseSource, sourceRelation, type Source } from '../db/ingest';
import { guessTimestampFormat, previewTimestamps, timestampMagnitude } from '../db/timestamps';
import { ENCODING_NAME } from '../engine/ingest/encoding';
import { guessMapping } from '../engine/ingest/guess';
import { userMessage } from '../engine/user-error';
import { epochUnit, MappingError, needsMagnitude } from '../engine/ingest/plan';
import { isReservedColumn, type ColumnInfo, type EventMapping } from '../engine/types';
import { dbMemory } from '../db/memory';
import type { DbMemory } from '../engine/ingest/capacity';
import { getDb, recordReadParts } from './engines';
import { LoadCancelled, openSource, type AnyFile } from './open-source';

export type { AnyFile, MemoryFile } from './open-source';

/** A failure as the page shows it (never an engine's or JavaScript's own message). */
export function errorMessage(e: unknown): string {
	if (e instanceof InputError || e instanceof MappingError) return e.message;
	const message = userMessage(e);
	if (!(e instanceof Error) || message !== e.message) console.warn(e);
	return message;
}

export interface LoadProgress {
	file: string;
	bytesRead: number;
	bytesTotal: number;
}

/** The mapping guessed for a new file, refused when no column holds times. */
function guessFor(source: Source): EventMapping {
	const mapping = guessMapping(source.columns, source.preview);
	if (!mapping.timestamp)
		throw new InputError(
			`None of the columns of "${source.fileName}" (${source.columns.map((c) => c.name).join(', ')}) holds dates or times, ` +
				'so its events cannot be placed in time. Open an event log that has a timestamp column.'
		);
	return mapping;
}

function isText(source: Source, column: string): boolean {
	return /^VARCHAR/i.test(source.columns.find((c) => c.name === column)?.type ?? '');
}

/** What was done to read a file as it is meant (its encoding, decimal commas, stray lines). */
export function readNotes(source: Source): string[] {
	const notes: string[] = [];
	if (source.encoding)
		notes.push(`Read as ${ENCODING_NAME[source.encoding]} text, converted to UTF-8.`);
	const commas = source.csv?.decimalComma ?? [];
	if (commas.length)
		notes.push(
			`Numbers with decimal commas (12,50 or 1.234,50) are read as numbers in ${commas.map((c) => `"${c}"`).join(', ')}.`
		);
	const reserved = source.columns.filter((c) => isReservedColumn(c.name));
	if (reserved.length)
		notes.push(
			`Columns whose names start with "__" are reserved for the app and not used: ${reserved.map((c) => `"${c.name}"`).join(', ')}. Rename them in the file to use them.`
		);
	if (source.csv?.isLenient)
		notes.push(
			'Some lines do not split into the same columns as the others; they are left out and counted in the report below.'
		);
	return notes;
}

/** How a numeric timestamp column is read: as Unix time, in the unit its magnitude shows. */
export function epochNote(column: string, maxAbs: number): string {
	return `"${column}" holds numbers: they are read as Unix time in ${epochUnit(maxAbs)} since 1970-01-01 UTC. If they mean something else, set the timestamp format (e.g. %Y%m%d).`;
}

export const AMBIGUOUS_DATES =
	'Dates such as 1/2/2024 could be day-first or month-first; they are read month-first. If days come first, set the format to %d/%m/%Y (with %H:%M when there is a time).';

/** Whether a mapping names only columns this source has. */
function fits(mapping: EventMapping, source: Source): boolean {
	const names = new Set(source.columns.map((c) => c.name));
	return [mapping.customerId, mapping.timestamp, mapping.event, mapping.value].every(
		(c) => !c || names.has(c)
	);
}

export class DataState {
	files = $state.raw<EventPart[]>([]);
	report = $state.raw<LoadReport | null>(null);
	eventColumns = $state.raw<ColumnInfo[]>([]);
	profileSource = $state.raw<Source | null>(null);
	profileIdColumn = $state<string | null>(null);
	profileColumns = $state.raw<ColumnInfo[] | null>(null);
	busy = $state<string | null>(null);
	progress = $state.raw<LoadProgress | null>(null);
	error = $state<string | null>(null);
	/** Per file: a note on how its timestamps were read (ambiguous day/month order), or null. */
	dateNotes = $state.raw<(string | null)[]>([]);
	/** DuckDB's memory after the last load, for the capacity warning (engine/ingest/capacity.ts). */
	memory = $state.raw<DbMemory | null>(null);
	/** Milliseconds the last load (read, map, report) took. */
	loadMs = $state(0);
	#cancelled = false;

	get isLoaded(): boolean {
		return this.report !== null;
	}

	/** The first file's mapping (the one a goal file's `data.events` describes). */
	get mapping(): EventMapping | null {
		return this.files[0]?.mapping ?? null;
	}

	/**
	 * Runs one load step with `busy` shown; a failure sets `error` and changes nothing else, so
	 * what was loaded before stays. Returns whether it succeeded.
	 */
	async #step(busy: string, work: () => Promise<void>): Promise<boolean> {
		this.error = null;
		this.busy = busy;
		this.#cancelled = false;
		try {
			await work();
			return true;
		} catch (e) {
			this.error =
				e instanceof LoadCancelled
					? 'Loading cancelled. The data loaded before is kept.'
					: errorMessage(e);
			return false;
		} finally {
			this.busy = null;
			this.progress = null;
		}
	}

	async #open(file: AnyFile): Promise<Source> {
		this.busy = `Reading ${file.name}…`;
		return openSource(await getDb(), file, {
			onProgress: (bytesRead, bytesTotal) =>
				(this.progress = { file: file.name, bytesRead, bytesTotal }),
			isCancelled: () => this.#cancelled,
			readParts: recordReadParts
		});
	}

	/** For a text timestamp column without a format, sets the format that reads the most values. */
	async #withGuessedFormat(part: EventPart): Promise<{ part: EventPart; note: string | null }> {
		const { source, mapping } = part;
		if (mapping.timestampFormat) return { part, note: null };
		const column = source.columns.find((c) => c.name === mapping.timestamp);
		if (column && needsMagnitude(column, null)) {
			const maxAbs = await timestampMagnitude(
				await getDb(),
				sourceRelation(source, [mapping.customerId]),
				column.name
			);
			return { part, note: epochNote(column.name, maxAbs) };
		}
		if (!isText(source, mapping.timestamp)) return { part, note: null };
		const guess = await guessTimestampFormat(
			await getDb(),
			sourceRelation(source, [mapping.customerId], { isSample: true }),
			mapping.timestamp
		);
		return {
			part: { source, mapping: { ...mapping, timestampFormat: guess.format } },
			note: guess.ambiguous ? AMBIGUOUS_DATES : null
		};
	}

	async #load(parts: EventPart[], notes = this.dateNotes): Promise<void> {
		const started = performance.now();
		this.busy = 'Loading events…';
		const { report, columns } = await loadEvents(await getDb(), parts);
		if (this.#cancelled) throw new LoadCancelled();
		const dropped = this.files.filter((p) => !parts.some((q) => q.source === p.source));
		this.files = parts;
		// Files no longer loaded free their memory in DuckDB (record files can be large).
		for (const p of dropped) await releaseSource(await getDb(), p.source).catch(() => undefined);
		this.dateNotes = parts.map((_, i) => notes[i] ?? null);
		this.report = report;
		this.eventColumns = columns;
		this.memory = await dbMemory(await getDb());
		this.loadMs += performance.now() - started;
	}

	/**
	 * Reads event files and guesses each one's mapping. With `append`, they join the files already
	 * loaded (e.g. orders beside web events); otherwise they replace them.
	 */
	openEvents(files: AnyFile[], append = false): Promise<boolean> {
		const started = performance.now();
		return this.#step(`Reading ${files.map((f) => f.name).join(', ')}…`, async () => {
			const parts: EventPart[] = append ? [...this.files] : [];
			const notes = append ? [...this.dateNotes] : [];
			for (const file of files) {
				const source = await this.#open(file);
				if (this.#cancelled) throw new LoadCancelled();
				const guessed = await this.#withGuessedFormat({ source, mapping: guessFor(source) });
				parts.push(guessed.part);
				notes.push(guessed.note);
			}
			this.loadMs = 0;
			await this.#load(parts, notes);
			this.loadMs = performance.now() - started;
		});
	}

	/** Re-loads the events with a changed mapping for file `index`; a failing one keeps the last good one. */
	applyMapping(index: number, mapping: EventMapping): Promise<boolean> {
		return this.#step('Applying the mapping…', async () => {
			const part = this.files[index];
			if (!part) return;
			// A new timestamp column without a format gets its format guessed again.
			const guessed = await this.#withGuessedFormat({ source: part.source, mapping });
			const notes = this.dateNotes.map((n, i) => (i === index ? guessed.note : n));
			await this.#load(
				this.files.map((p, i) => (i === index ? guessed.part : p)),
				notes
			);
		});
	}

	/** How the timestamps of file `index` read with `format`, before it is applied. */
	async previewFormat(index: number, format: string | null) {
		const part = this.files[index];
		const column = part?.source.columns.find((c) => c.name === part.mapping.timestamp);
		if (!part || !column) return [];
		return previewTimestamps(
			await getDb(),
			sourceRelation(part.source, [part.mapping.timestamp], { isSample: true }),
			column,
			format
		);
	}

	/** Whether some loaded file has every column the mapping names. */
	fitsAny(mapping: EventMapping): boolean {
		return this.files.some((p) => fits(mapping, p.source));
	}

	/** Applies one mapping (a goal file's) to every file whose columns it names. */
	applyMappingToAll(mapping: EventMapping): Promise<boolean> {
		return this.#step('Applying the mapping…', async () => {
			if (!this.fitsAny(mapping))
				throw new MappingError(
					`No loaded file has all of the columns ${[mapping.customerId, mapping.timestamp, mapping.event, mapping.value].filter(Boolean).join(', ')}.`
				);
			await this.#load(this.files.map((p) => (fits(mapping, p.source) ? { ...p, mapping } : p)));
		});
	}

	removeFile(index: number): Promise<boolean> {
		if (this.files.length <= 1) return Promise.resolve(false);
		return this.#step('Removing the file…', () =>
			this.#load(this.files.filter((_, i) => i !== index))
		);
	}

	openProfiles(file: AnyFile, idColumn?: string): Promise<boolean> {
		return this.#step(`Reading ${file.name}…`, async () => {
			const source = await this.#open(file);
			const id =
				idColumn ??
				source.columns.find((c) => c.name === this.mapping?.customerId)?.name ??
				guessMapping(source.columns, source.preview).customerId;
			this.profileColumns = await loadProfiles(await getDb(), source, id);
			this.profileSource = source;
			this.profileIdColumn = id;
		});
	}

	setProfileId(idColumn: string): Promise<boolean> {
		const source = this.profileSource;
		if (!source) return Promise.resolve(false);
		return this.#step('Joining the profiles…', async () => {
			this.profileColumns = await loadProfiles(await getDb(), source, idColumn);
			this.profileIdColumn = idColumn;
		});
	}

	/** Stops a load between files and batches; what was loaded before stays. */
	async cancel(): Promise<void> {
		this.#cancelled = true;
		const { cancelRead } = await import('../readers/readers-client');
		await cancelRead();
	}

	/** Source columns of the profile table that can be used as attributes. */
	get attributeColumns(): ColumnInfo[] {
		return (this.profileColumns ?? []).filter(
			(c) => !isReservedColumn(c.name) && c.name !== this.profileIdColumn
		);
	}
}
