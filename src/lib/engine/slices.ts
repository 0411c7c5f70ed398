// Long loops on the page's own thread, cut into slices with a pause between them, so that the
// page stays responsive while a million profiles are handled (issue 14: no main-thread task over
// 200 ms). The pause is the caller's to choose: `yieldToPage` in the app, none in plain tests.

export type Pause = () => Promise<void>;

/**
 * Lets the page handle input and paint before the caller goes on. A message to itself, not a
 * timer: nested timers are clamped to 4 ms, and to a second or more in a hidden tab.
 */
export function yieldToPage(): Promise<void> {
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}

/** Runs `body(start, end)` over [0, n) in slices of `slice`, awaiting `pause` between them. */
export async function inSlices(
	n: number,
	slice: number,
	body: (start: number, end: number) => void,
	pause?: Pause
): Promise<void> {
	for (let start = 0; start < n; start += slice) {
		if (start > 0 && pause) await pause();
		body(start, Math.min(n, start + slice));
	}
}

/**
 * A pause to await often inside a loop: it pauses (with `pause`) only once `budgetMs` of work
 * has passed since the last one, so a cheap step costs a clock read.
 */
export function pacer(pause: Pause, budgetMs = 40): () => Promise<void> {
	let last = performance.now();
	return async () => {
		if (performance.now() - last < budgetMs) return;
		await pause();
		last = performance.now();
	};
}
