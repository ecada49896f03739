// The staff app's service worker: precaches the shell (index.html, its hashed stylesheet, script
// and wasm, the offline page, the manifest and icons) so the app starts without a connection;
// hashed files are served from the cache first (their names change with their content); staff
// navigations go to the network and fall back to the cached shell, then to the offline page.
// The API, the portal and the Worker-rendered pages are left to the network.
// scripts/build-frontend fills in VERSION and PRECACHE; a new build is a new worker, which waits
// until the page's update prompt asks it to take over.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `waypost-staff-${VERSION}`;
const OUTSIDE = /^\/(api|portal|track|survey)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('waypost-staff-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/')) {
    event.respondWith((async () => {
      const hit = await caches.match(req);
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((cache) => cache.put(req, copy));
      }
      return res;
    })());
    return;
  }
  if (req.mode === 'navigate' && !OUTSIDE.test(url.pathname)) {
    event.respondWith(fetch(req).catch(async () =>
      (await caches.match('/', { cacheName: CACHE })) || (await caches.match('/offline', { cacheName: CACHE })) ||
      new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain' } })));
  }
});
