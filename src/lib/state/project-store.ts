// The latest project, kept in this browser's IndexedDB so a reload restores it. It holds what a
// project file holds (no raw data). Storage is a convenience: where IndexedDB is unavailable
// (some private windows), nothing is kept and nothing fails.
const DB_NAME = 'propensity-lab';
const STORE = 'projects';
const LATEST = 'latest';

function openStore(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
	});
}

async function withStore<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest
): Promise<T> {
	const db = await openStore();
	try {
		return await new Promise<T>((resolve, reject) => {
			const req = work(db.transaction(STORE, mode).objectStore(STORE));
			req.onsuccess = () => resolve(req.result as T);
			req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
		});
	} finally {
		db.close();
	}
}

/** The latest project's text, or null when none is kept (or storage is unavailable). */
export async function latestProject(): Promise<string | null> {
	try {
		return (await withStore<string | undefined>('readonly', (s) => s.get(LATEST))) ?? null;
	} catch {
		return null;
	}
}

export async function keepProject(text: string): Promise<void> {
	try {
		await withStore('readwrite', (s) => s.put(text, LATEST));
	} catch (e) {
		console.warn('The project could not be kept for the next visit:', e);
	}
}

export async function forgetProject(): Promise<void> {
	try {
		await withStore('readwrite', (s) => s.delete(LATEST));
	} catch {
		// Nothing kept, nothing to forget.
	}
}
