// Customer value (issue 13): a sales manager opens the value pyramid of their org and goes from a
// layer to its customers; an admin plans a win-back call from the at-risk list, reads a customer's
// RFM scores on its value tab, and is stopped by the value rules when a tier would overlap.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, SHOTS, signIn } from '../fixtures.mjs';

export default async function ({ step, size, options }) {
  // What the Cron Trigger runs: the value pass (the test server runs one at every sweep).
  const sweep = await fetch(`${BASE}/cdn-cgi/handler/scheduled?cron=*/5+*+*+*+*`);
  assert.equal(sweep.status, 200);

  await step('a sales manager reads the pyramid of their org and opens a layer\'s customers', async ({ open }) => {
    const p = await (await open({ ...options, locale: 'zh-CN' })).newPage();
    await signIn(p, '13800000005');
    await p.goto(`${BASE}/reports/value`);
    await p.waitForSelector('[data-testid=pyramid] polygon');
    assert.equal((await p.$$('[data-testid=pyramid] polygon')).length, 4, 'four layers');
    const vip = await p.textContent('[data-testid=layer-vip] .card-title');
    assert.match(vip, /VIP 客户 · [1-9]\d* 家客户/, vip);
    await p.screenshot({ path: `${SHOTS}/${size}-40-value-pyramid.png`, fullPage: true });
    // The export: the same layers as a spreadsheet.
    const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid=pyramid-csv]')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^\uFEFF客户等级,客户数,/);
    assert.equal(csv.trim().split('\r\n').length, 5, csv);
    await p.click('[data-testid=layer-vip] a');
    await p.waitForURL(/\/customers\?tier=vip/);
    await p.waitForSelector('[data-testid=customer-list] li');
    const cards = await p.$$eval('[data-testid=customer-list] li', (ls) => ls.map((l) => l.textContent));
    assert.ok(cards.length > 0 && cards.every((t) => t.includes('VIP 客户')), cards.join(' | '));
  });

  await step('an admin plans a win-back call from the at-risk list, then reads a customer\'s scores', async ({ open }) => {
    const p = await (await open({ ...options, locale: 'zh-CN' })).newPage();
    await signIn(p, '13800000001');
    // The workbench leads to the list.
    await p.goto(`${BASE}/`);
    await p.click('a.shortcut[href="/customers/at-risk"]');
    await p.waitForURL(/\/customers\/at-risk$/);
    await p.waitForSelector('[data-testid=at-risk-list] li');
    const row = await p.$('[data-testid=at-risk-list] li:has([data-testid=win-back])');
    assert.ok(row, 'a customer without a planned follow-up');
    const id = (await row.getAttribute('data-testid')).replace('at-risk-', '');
    const planned = (r) => r.url().includes(`/api/v1/customers/${id}/interactions`) && r.status() === 201;
    await Promise.all([p.waitForResponse(planned), row.$eval('[data-testid=win-back]', (b) => b.click())]);
    await p.waitForSelector(`[data-testid=at-risk-${id}] [data-testid=win-back-planned]`);
    await p.screenshot({ path: `${SHOTS}/${size}-41-at-risk.png`, fullPage: true });
    // The server has it: after a reload the row still says planned.
    await p.reload();
    await p.waitForSelector(`[data-testid=at-risk-${id}] [data-testid=win-back-planned]`);
    // The demo VIP's value tab: a perfect RFM score, the tier the rules give.
    await p.goto(`${BASE}/customers/1?tab=value`);
    await p.waitForSelector('[data-testid=value-scores]');
    assert.equal(await p.textContent('[data-testid=value-scores]'), 'R5 F5 M5 = 15');
    assert.ok(await p.$('[data-testid=tier-form]'), 'an admin may set the tier');
    await p.screenshot({ path: `${SHOTS}/${size}-42-customer-value.png`, fullPage: true });
  });

  await step('the value rules refuse a key tier asking more than VIP', async ({ open }) => {
    const p = await (await open({ ...options, locale: 'zh-CN' })).newPage();
    await signIn(p, '13800000001');
    await p.goto(`${BASE}/settings/value`);
    await p.waitForFunction(() => document.querySelector('[name=vip-score]')?.value === '13');
    await p.fill('[name=key-score]', '14');
    let sent = false;
    p.on('request', (r) => { if (r.url().includes('/api/v1/settings/value-rules') && r.method() === 'PUT') sent = true; });
    await p.click('[data-testid=value-rules] button[type=submit]');
    await p.waitForSelector('[data-testid=rule-key] .field-error:not(:empty)');
    assert.equal(sent, false, 'refused before it was sent');
    await p.screenshot({ path: `${SHOTS}/${size}-43-value-rules.png`, fullPage: true });
  });
}
