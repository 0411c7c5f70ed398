// Lets the reader decode the next batch while the last one is being inserted (DuckDB runs in
// its own worker): at most one batch is in flight, batches arrive in order, and a failed insert
// fails the read at the next batch or at the end, never as an unhandled rejection.

export interface Pipelined<A extends unknown[]> {
	/** Waits for the batch before to be taken, then hands this one over without waiting for it. */
	send(...args: A): Promise<void>;
	/** Waits for the last batch; rethrows the first failure. */
	finish(): Promise<void>;
}

export function pipelined<A extends unknown[]>(take: (...args: A) => Promise<void>): Pipelined<A> {
	let inFlight: Promise<void> = Promise.resolve();
	let failure: { error: unknown } | null = null;
	const settle = async () => {
		await inFlight;
		if (failure) throw failure.error;
	};
	return {
		async send(...args) {
			await settle();
			inFlight = take(...args).catch((error: unknown) => {
				failure ??= { error };
			});
		},
		finish: settle
	};
}
