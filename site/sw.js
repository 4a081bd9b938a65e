// Backsight's service worker: keeps the page, its wasm and the sample in a
// cache so that after one visit Backsight opens and analyses with no
// network at all. offline.js registers it as sw.js?v=HASH, HASH being a
// hash of assets.json: a new build is a new script URL, hence a new worker
// with a new cache, and the old cache goes when the new worker activates.
'use strict';

const version = new URL(self.location.href).searchParams.get('v') || 'dev';
const cacheName = 'backsight-' + version;
const scope = new URL(self.registration.scope);

// precacheList reads assets.json: an array of file names relative to the
// site, or an object holding one under "files" or "assets".
async function precacheList() {
  const res = await fetch(new URL('assets.json', scope), { cache: 'no-cache' });
  if (!res.ok) throw new Error('assets.json: ' + res.status);
  const data = await res.json();
  const list = Array.isArray(data) ? data : data.files || data.assets || [];
  const urls = new Set(['./']);
  for (const item of list) {
    const name = typeof item === 'string' ? item : item && (item.name || item.path || item.url);
    if (name && !/^(sw\.js|assets\.json)$/.test(name)) urls.add(name);
  }
  return [...urls].map((u) => new URL(u, scope).href);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // cache: 'reload' skips the HTTP cache: a stale index.html there would
    // name assets of the previous build.
    await cache.addAll((await precacheList()).map((u) => new Request(u, { cache: 'reload' })));
    // The first install takes over at once; an update waits until the
    // page's banner asks for it (see offline.js), so a running analysis is
    // never swapped under the user.
    if (!(await self.clients.matchAll()).length) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('backsight-') && name !== cacheName) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.backsight === 'update') self.skipWaiting();
});

// Cache first for the precached files; the page itself (any navigation in
// scope, e.g. / or /?lang=zh) falls back to the cached index.html when the
// network is gone. Everything else goes to the network untouched.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== scope.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(cacheName);
    const url = new URL(req.url);
    url.hash = '';
    const hit = await cache.match(url.href, { ignoreSearch: req.mode === 'navigate' });
    if (hit && req.mode !== 'navigate') return hit;
    if (req.mode === 'navigate') {
      try {
        return await fetch(req);
      } catch (err) {
        return hit || (await cache.match(scope.href)) || Response.error();
      }
    }
    return fetch(req);
  })());
});
