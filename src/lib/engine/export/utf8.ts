// An export's text as UTF-8 bytes, for its Blob parts. Chromium makes a Blob of bytes about
// three times faster than one of a string, and this loop encodes our mostly-ASCII text about
// three times faster than its TextEncoder does here (docs/BENCHMARKS.md, session 9).

/**
 * Texts written one after another as UTF-8 into one buffer (lone surrogates as U+FFFD, as
 * TextEncoder writes them), taken a part at a time. An export writes each line as it is made:
 * no string of a whole part is ever built (those of 1,000 rows were large objects for V8, and
 * their garbage brought collections of the page's heap that held its thread for 300 ms), and
 * the buffer is reused, as a Blob copies its parts (docs/BENCHMARKS.md, session 14).
 */
export class Utf8Parts {
	#buffer: Uint8Array;
	#size = 0;

	constructor(capacity = 1 << 16) {
		this.#buffer = new Uint8Array(capacity);
	}

	/** Bytes written since the last `take`. */
	get size(): number {
		return this.#size;
	}

	/** The buffer's length (it grows when a text needs more, and never shrinks). */
	get capacity(): number {
		return this.#buffer.length;
	}

	write(text: string): void {
		// At most 3 bytes per UTF-16 code unit (a surrogate pair, two units, makes 4).
		if (this.#size + 3 * text.length > this.#buffer.length) {
			const grown = new Uint8Array(Math.max(this.#size + 3 * text.length, 2 * this.#buffer.length));
			grown.set(this.#buffer.subarray(0, this.#size));
			this.#buffer = grown;
		}
		const out = this.#buffer;
		let at = this.#size;
		for (let i = 0; i < text.length; i++) {
			let c = text.charCodeAt(i);
			if (c < 0x80) out[at++] = c;
			else if (c < 0x800) {
				out[at++] = 0xc0 | (c >> 6);
				out[at++] = 0x80 | (c & 0x3f);
			} else if (c >= 0xd800 && c < 0xdc00 && isLow(text.charCodeAt(i + 1))) {
				c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
				out[at++] = 0xf0 | (c >> 18);
				out[at++] = 0x80 | ((c >> 12) & 0x3f);
				out[at++] = 0x80 | ((c >> 6) & 0x3f);
				out[at++] = 0x80 | (c & 0x3f);
			} else {
				if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
				out[at++] = 0xe0 | (c >> 12);
				out[at++] = 0x80 | ((c >> 6) & 0x3f);
				out[at++] = 0x80 | (c & 0x3f);
			}
		}
		this.#size = at;
	}

	/** The bytes written since the last take: a view valid until the next `write`. */
	take(): Uint8Array {
		const bytes = this.#buffer.subarray(0, this.#size);
		this.#size = 0;
		return bytes;
	}
}

function isLow(c: number): boolean {
	return c >= 0xdc00 && c < 0xe000;
}
