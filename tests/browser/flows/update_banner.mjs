// A new version waiting is offered as a reload, in the person's language, whether it is found after the
// app mounted or before.
import assert from 'node:assert/strict';
import { BASE, SHOTS, VIEWPORTS, ZONE, signIn } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`a new version waiting is offered as a reload, in the person's language`, async ({ open }) => {
    // The handle index.html leaves when a new service worker waits (components/update.rs); the real
    // worker is blocked so only this handle speaks.
    const handle = () => {
      window.__accepted = 0;
      window.__waypostUpdate = { accept() { window.__accepted += 1; } };
    };
    const ctx = await open({ ...VIEWPORTS.phone, ...ZONE, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    await signIn(p, '13800000007');
    assert.equal(await p.$('[data-testid=update-banner]'), null, 'no banner without a waiting version');
    // Found after the app mounted: the event shows the banner.
    await p.evaluate(handle);
    await p.evaluate(() => dispatchEvent(new Event('waypost-update')));
    await p.waitForSelector('[data-testid=update-banner]');
    assert.match(await p.textContent('[data-testid=update-banner]'), /有新版本/);
    await p.screenshot({ path: `${SHOTS}/phone-44-update-banner.png` });
    await p.click('[data-testid=update-reload]');
    assert.equal(await p.evaluate(() => window.__accepted), 1, 'the reload asks the waiting worker to take over');
    // Found before the app mounted (the handle is already there): shown at once, in English here.
    const en = await open({ ...VIEWPORTS.phone, ...ZONE, serviceWorkers: 'block' });
    await en.addInitScript(() => localStorage.setItem('waypost.locale', 'en'));
    await en.addInitScript(handle);
    const q = await en.newPage();
    await q.goto(`${BASE}/login`);
    await q.waitForSelector('[data-testid=update-banner]');
    assert.match(await q.textContent('[data-testid=update-banner]'), /A new version of Waypost is available\.\s*Reload/);
    await q.click('[data-testid=update-reload]');
    assert.equal(await q.evaluate(() => window.__accepted), 1);
  });
}
