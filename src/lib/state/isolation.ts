// Cross-origin isolation, which threads need (SharedArrayBuffer). Hosts that send COOP/COEP
// (vite dev and preview do) isolate the page at once; on a static host that cannot, our own
// service worker (public/coi-sw.js) adds the headers, which takes one reload on the first
// visit. `?isolation=off` keeps the page unisolated and single-threaded, to measure and test it.
const RELOADED = 'propensity-lab:isolation-reload';

/** False with `?isolation=off`: no service worker, no threads. */
export function isolationWanted(): boolean {
	return new URLSearchParams(location.search).get('isolation') !== 'off';
}

/** How many threads the engines may use here: every core when isolated, else 1. */
export function pageThreads(): number {
	if (!globalThis.crossOriginIsolated || !isolationWanted()) return 1;
	// Past 8, XNNPACK's threads gain little and each costs a worker and its stack.
	return Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));
}

/**
 * Registers the service worker and reloads once so it serves the page, where isolation is
 * wanted, missing and possible. Never a loop: the reload is tried once per tab session, and
 * not at all where session storage, service workers or a secure context are missing (private
 * modes, file://). Failures leave the page as it is: single-threaded, fully working.
 */
export async function ensureIsolation(): Promise<void> {
	try {
		if (globalThis.crossOriginIsolated) {
			sessionStorage.removeItem(RELOADED);
			return;
		}
		if (!isolationWanted() || !window.isSecureContext || !('serviceWorker' in navigator)) return;
		await navigator.serviceWorker.register('./coi-sw.js');
		await navigator.serviceWorker.ready;
		if (sessionStorage.getItem(RELOADED)) return;
		sessionStorage.setItem(RELOADED, '1');
		location.reload();
	} catch (e) {
		console.warn('Cross-origin isolation unavailable; running single-threaded.', e);
	}
}
