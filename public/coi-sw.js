// Cross-origin isolation for static hosts that cannot send headers: re-serves our own origin's
// responses with COOP/COEP, so the page may use threads (src/lib/state/isolation.ts registers
// it and reloads once). Other origins are never touched (the CSP forbids them anyway), and a
// navigation with ?isolation=off passes through as the host sent it.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin) return;
	if (request.mode === 'navigate' && url.searchParams.get('isolation') === 'off') return;
	event.respondWith(fetch(request).then(isolated));
});

/** The response with COOP/COEP added; opaque responses and redirects cannot be rebuilt. */
function isolated(response) {
	if (response.status === 0 || response.type === 'opaqueredirect') return response;
	const headers = new Headers(response.headers);
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
