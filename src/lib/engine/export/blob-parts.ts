// An export's pieces (text a row at a time, or blocks of bytes) written into one Blob, a part at
// a time with a pause after each, so the page's thread is never held for long.
import { EXPORT_PART_ROWS, type ExportPiece } from './csv';
import { Utf8Parts } from './utf8';

export interface BlobWriting {
	type: string;
	/** Share of the export each piece is (a row: 1 / rows; a row group: its rows / rows). */
	sharePerPiece: number;
	/** Told the share written (0–1) after each part. */
	progress(share: number): void;
	/** Awaited after each part: lets the page in; true stops the writing. */
	pause(): Promise<boolean>;
	/** Text pieces per Blob part. */
	partPieces?: number;
}

/**
 * The pieces as one Blob, or null when `pause` said stop. Text is encoded as it comes into one
 * reused buffer and cut into a Blob part every `partPieces` pieces (a block of bytes is a part by
 * itself, an empty one only a pause): each part goes into a Blob at once (the browser may keep it
 * out of the JS heap), and a Blob copies the bytes it is given.
 */
export async function writeBlob(
	pieces: Iterable<ExportPiece> | AsyncIterable<ExportPiece>,
	w: BlobWriting
): Promise<Blob | null> {
	const partPieces = w.partPieces ?? EXPORT_PART_ROWS;
	const blobs: Blob[] = [];
	const text = new Utf8Parts();
	let read = 0;
	let inPart = 0;
	const cut = async (bytes: Uint8Array): Promise<boolean> => {
		blobs.push(new Blob([bytes as BlobPart]));
		inPart = 0;
		w.progress(Math.min(1, read * w.sharePerPiece));
		return w.pause();
	};
	// A sync generator's pieces are pulled without an await each (that is a microtask per row).
	const iterator =
		Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
	for (;;) {
		const next = iterator.next();
		const { done, value } = next instanceof Promise ? await next : next;
		if (done) break;
		read++;
		let stop = false;
		if (typeof value === 'string') {
			text.write(value);
			if (++inPart >= partPieces) stop = await cut(text.take());
		} else if (value.length === 0) {
			w.progress(Math.min(1, read * w.sharePerPiece));
			stop = await w.pause();
		} else {
			if (text.size) stop = await cut(text.take());
			stop ||= await cut(value);
		}
		if (stop) {
			await iterator.return?.();
			return null;
		}
	}
	if (text.size) blobs.push(new Blob([text.take() as BlobPart]));
	return new Blob(blobs, { type: w.type });
}
