// The Data step's state: the loaded event file (and optional profile file), the column
// mapping and the quality report. A failed load leaves everything that was loaded before.
import {
	describeSource,
	InputError,
	loadEvents,
	loadProfiles,
	type LoadReport,
	type Source
} from '../db/ingest';
import type { Db } from '../db/types';
import { guessMapping } from '../engine/ingest/guess';
import { MappingError } from '../engine/ingest/plan';
import type { ColumnInfo, EventMapping } from '../engine/types';
import { getDb } from './engines';

let uploads = 0;

/** A file made in memory (the demo), as opposed to one the user picked. */
export interface MemoryFile {
	name: string;
	contents: Uint8Array;
}

type AnyFile = File | MemoryFile;

function sizeOf(file: AnyFile): number {
	return file instanceof Blob ? file.size : file.contents.length;
}

/** Registers a file under a generated name (never the user's), keeping a .gz suffix. */
async function register(db: Db, file: AnyFile): Promise<string> {
	const gz = file.name.toLowerCase().endsWith('.gz') ? '.gz' : '';
	const name = `upload_${uploads++}.csv${gz}`;
	await db.registerFile(name, file instanceof Blob ? file : file.contents);
	return name;
}

export function errorMessage(e: unknown): string {
	if (e instanceof InputError || e instanceof MappingError) return e.message;
	return e instanceof Error ? e.message : String(e);
}

/** The first bytes of a binary file hold NUL bytes; text tables never do. */
async function looksBinary(file: Blob): Promise<boolean> {
	if (file.size === 0) return false;
	const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
	return head.includes(0);
}

export class DataState {
	source = $state.raw<Source | null>(null);
	mapping = $state<EventMapping | null>(null);
	report = $state.raw<LoadReport | null>(null);
	eventColumns = $state.raw<ColumnInfo[]>([]);
	profileSource = $state.raw<Source | null>(null);
	profileIdColumn = $state<string | null>(null);
	profileColumns = $state.raw<ColumnInfo[] | null>(null);
	busy = $state<string | null>(null);
	error = $state<string | null>(null);
	/** Milliseconds the last load (read, map, report) took. */
	loadMs = $state(0);
	isDemo = $state(false);

	get isLoaded(): boolean {
		return this.report !== null;
	}

	/**
	 * Runs one load step with `busy` shown; a failure sets `error` and changes nothing else, so
	 * what was loaded before stays. Returns whether it succeeded.
	 */
	async #step(busy: string, work: () => Promise<void>): Promise<boolean> {
		this.error = null;
		this.busy = busy;
		try {
			await work();
			return true;
		} catch (e) {
			this.error = errorMessage(e);
			return false;
		} finally {
			this.busy = null;
		}
	}

	/** Reads an event file, guesses its mapping, loads it. On failure, the previous data stays. */
	openEvents(file: AnyFile, isDemo = false): Promise<boolean> {
		const started = performance.now();
		return this.#step(`Reading ${file.name}…`, async () => {
			if (file instanceof Blob && (await looksBinary(file)))
				throw new InputError(
					`"${file.name}" is not a text table (it holds binary data). Open a CSV, TSV or space-separated text file.`
				);
			const db = await getDb();
			// Measured first: registering a buffer transfers (detaches) it.
			const size = sizeOf(file);
			const source = await describeSource(db, file.name, await register(db, file), size);
			const mapping = guessMapping(source.columns, source.preview);
			if (!mapping.timestamp)
				throw new InputError(
					`None of the columns of "${file.name}" (${source.columns.map((c) => c.name).join(', ')}) holds dates or times, ` +
						'so its events cannot be placed in time. Open an event log that has a timestamp column.'
				);
			this.busy = 'Loading events…';
			const { report, columns } = await loadEvents(db, source, mapping);
			this.source = source;
			this.mapping = mapping;
			this.report = report;
			this.eventColumns = columns;
			this.isDemo = isDemo;
			this.loadMs = performance.now() - started;
		});
	}

	/** Re-loads the events with a changed mapping; a mapping that fails keeps the last good one. */
	applyMapping(mapping: EventMapping): Promise<boolean> {
		const source = this.source;
		if (!source) return Promise.resolve(false);
		const started = performance.now();
		return this.#step('Applying the mapping…', async () => {
			const { report, columns } = await loadEvents(await getDb(), source, mapping);
			this.mapping = mapping;
			this.report = report;
			this.eventColumns = columns;
			this.loadMs = performance.now() - started;
		});
	}

	openProfiles(file: AnyFile, idColumn?: string): Promise<boolean> {
		return this.#step(`Reading ${file.name}…`, async () => {
			const db = await getDb();
			const size = sizeOf(file);
			const source = await describeSource(db, file.name, await register(db, file), size);
			const id =
				idColumn ??
				source.columns.find((c) => c.name === this.mapping?.customerId)?.name ??
				guessMapping(source.columns, source.preview).customerId;
			this.profileColumns = await loadProfiles(db, source, id);
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

	/** Source columns of the profile table that can be used as attributes. */
	get attributeColumns(): ColumnInfo[] {
		return (this.profileColumns ?? []).filter(
			(c) => !c.name.startsWith('__') && c.name !== this.profileIdColumn
		);
	}
}
