// The idle prefetch (frontend/src/lazy.rs): once signed in, every chunk file is fetched at the
// browser's lowest priority without being compiled; opening another area then reads its chunk
// from the HTTP cache, not the network. (No service worker here: it would serve them itself.)
import assert from 'node:assert/strict';
import { VIEWPORTS, ZONE, STAFF_CHUNK, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`once signed in, the chunks are prefetched while idle; opening an area reads its chunk from the cache`, async ({ open }) => {
    const ctx = await open({ ...VIEWPORTS.phone, ...ZONE, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Network.enable');
    const served = new Map();
    cdp.on('Network.responseReceived', (e) => {
      const path = new URL(e.response.url).pathname;
      if (STAFF_CHUNK.test(path)) served.set(path, [...(served.get(path) || []), e.response.fromDiskCache || e.response.fromPrefetchCache ? 'cache' : 'network']);
    });
    await signIn(p, '13800000002');
    const listed = (await p.getAttribute('meta[name=waypost-chunks]', 'content')).split(' ');
    assert.ok(listed.length >= 6 && listed.every((f) => STAFF_CHUNK.test(f)), `the HTML lists the chunk files (${listed.length})`);
    await p.waitForFunction((n) => document.querySelectorAll('link[rel=prefetch]').length === n, listed.length);
    const service = listed.find((f) => /split_service\.wasm$/.test(f));
    for (let i = 0; i < 50 && !(served.get(service) || []).includes('network'); i++) await p.waitForTimeout(100);
    assert.deepEqual(served.get(service), ['network'], 'prefetched once');
    await navTo(p, '/requests');
    await p.waitForFunction(() => !document.querySelector('.state-loading') && !!document.querySelector('main h1'));
    assert.deepEqual(served.get(service), ['network', 'cache'], 'opened from the cache');
  });
}
