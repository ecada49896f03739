// A courier on a phone finds a waybill and records a tracking event.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step, size, options }) {
  await step(`a courier finds a waybill and records an event`, async ({ open }) => {
    const ctx = await open({ ...options, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, '13800000007', PASSWORD);
    await navTo(p, '/shipments');
    await p.fill('[data-testid=shipment-search]', 'WP202611200003');
    await p.click('[data-testid=shipment-list] >> text=WP202611200003');
    await p.waitForSelector('[data-testid=event-form]');
    assert.match(await p.textContent('[data-testid=shipment-status]'), /异常/);
    await p.selectOption('#f-type', 'out_for_delivery');
    await p.fill('#f-location', '苏州园区营业部');
    await p.fill('#f-description', '已联系收件人,重新派送');
    await p.click('[data-testid=event-form] button[type=submit]');
    await p.waitForSelector('[data-testid=shipment-status] >> text=派送中');
    assert.equal((await p.$$('[data-testid=shipment-events] li')).length, 3);
    await p.screenshot({ path: `${SHOTS}/${size}-19-courier-event.png`, fullPage: true });
    await ctx.close();
  });
}
