// Staff pages arrive as chunks when opened; a chunk that fails to arrive offers a retry that works.
import assert from 'node:assert/strict';
import { SHOTS, VIEWPORTS, ZONE, STAFF_CHUNK, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`staff pages arrive as chunks when opened; a chunk that fails offers a retry that works`, async ({ open }) => {
    const ctx = await open({ ...VIEWPORTS.phone, ...ZONE, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    const fetched = [];
    p.on('request', (r) => { if (STAFF_CHUNK.test(new URL(r.url()).pathname)) fetched.push(new URL(r.url()).pathname); });
    // Sign-in, the shell and the workbench need no chunk; keep the idle prefetch from fetching one.
    await p.route(STAFF_CHUNK, (r) => r.abort('internetdisconnected'));
    await signIn(p, '13800000002');
    await p.waitForSelector('[data-testid=who]');
    await navTo(p, '/customers');
    await p.waitForSelector('[data-state=chunk-failed]');
    assert.match(await p.textContent('[data-state=chunk-failed]'), /页面未能加载/);
    await p.screenshot({ path: `${SHOTS}/phone-40-chunk-failed.png` });
    await p.unroute(STAFF_CHUNK);
    await p.click('[data-testid=chunk-retry]');
    await p.waitForSelector('[data-testid=customer-search]');
    assert.ok(fetched.length > 0, 'the customers page came as a chunk');
    // Another area is another chunk, fetched on the way there.
    const before = fetched.length;
    await navTo(p, '/requests');
    await p.waitForFunction(() => !document.querySelector('[data-state=chunk-failed]') && !!document.querySelector('h1'));
    assert.ok(fetched.length > before, `the service pages came as their own chunk (${fetched.join(', ')})`);
  });
}
