// Public tracking is HTML from the Worker: with JavaScript off a visitor tracks a waybill, unmasks it with
// the consignee's last four digits, reports a problem and switches language; no script or wasm is loaded.
import assert from 'node:assert/strict';
import { BASE, SHOTS } from '../fixtures.mjs';

export default async function ({ step, size, options }) {
  await step(`a visitor with JavaScript off tracks a waybill, unmasks it with the digits and reports a problem`, async ({ open }) => {
    // The tracking page is HTML from the Worker: no script, no wasm, plain forms.
    const ctx = await open({ ...options, locale: 'zh-CN', javaScriptEnabled: false });
    const p = await ctx.newPage();
    const loaded = [];
    p.on('request', (r) => loaded.push(r.url()));
    await p.goto(`${BASE}/track`);
    await p.fill('[data-testid=track-input]', 'wp 2026 1120 0002');
    await p.click('form[role=search] button[type=submit]');
    await p.waitForSelector('[data-testid=track-result]');
    assert.match(await p.textContent('[data-testid=track-status]'), /到达转运中心/);
    assert.match(await p.textContent('[data-testid=track-consignee]'), /李\*\* 139\*+0002/);
    assert.equal((await p.$$('[data-testid=track-events] li')).length, 2);
    await p.fill('#f-last4', '9999');
    await p.click('[data-testid=unmask-form] button');
    await p.waitForSelector('[data-testid=unmask-error]');
    await p.fill('#f-last4', '0002');
    await p.click('[data-testid=unmask-form] button');
    await p.waitForSelector('[data-testid=track-consignee] >> text=李秀英');
    await p.screenshot({ path: `${SHOTS}/${size}-18-track.png`, fullPage: true });
    await p.fill('#f-report', '两天没有更新了');
    await p.click('[data-testid=report-form] button');
    await p.waitForSelector('[data-testid=report-ok]');
    await p.click('[data-testid=lang-switch]');
    await p.waitForSelector('text=Tracking history');
    await p.goto(`${BASE}/track/WP000000000000`);
    await p.waitForSelector('[data-testid=track-none]');
    assert.ok(!loaded.some((u) => /\.(wasm|js)(\?|$)/.test(u)), `no script or wasm loaded: ${loaded.join(' ')}`);
    await ctx.close();
  });
}
