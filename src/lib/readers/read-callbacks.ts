// What every record reader takes and throws: the batch callbacks, their size, a cancelled read.

export const BATCH_ROWS = 50_000;

export interface ReadCallbacks {
	/** One Arrow IPC stream per batch of rows. */
	onBatch: (ipc: Uint8Array, rows: number) => Promise<void> | void;
	onProgress?: (bytesRead: number) => void;
	isCancelled?: () => boolean;
}

export class ReadCancelled extends Error {
	constructor() {
		super('cancelled');
		this.name = 'ReadCancelled';
	}
}
