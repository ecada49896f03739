// A courier who loses the signal: the day list from the last sync, "collected" and an event queued
// on the phone, sent once when the signal returns, and a write the server refuses shown with its reason.
import assert from 'node:assert/strict';
import { BASE, SHOTS, VIEWPORTS, ZONE, apiOf, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`a courier without signal works through the day list; the writes arrive once; a refused one shows why`, async ({ open }) => {
    const adminCtx = await open({ viewport: { width: 1280, height: 800 }, ...ZONE });
    const a = await adminCtx.newPage();
    await signIn(a, '13800000004'); // the CS agent books, dispatches and cancels
    const admin = apiOf(a);
    const stamp = `${Date.now() % 1000000}`;
    const made = await admin('POST', '/api/v1/customers', { kind: 'company', name: `离线测试${stamp}有限公司`,
      contacts: [{ name: '孙丽', phone: `1772${stamp.padStart(7, '0')}`, is_primary: true }] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const courierMe = await (async () => {
      const c = await open({ ...VIEWPORTS.phone, ...ZONE });
      const k = await c.newPage();
      await signIn(k, '13800000007');
      return { ctx: c, page: k, me: (await apiOf(k)('GET', '/api/v1/auth/me')).body.staff };
    })();
    const start = new Date(Date.now() + 60 * 60 * 1000);
    const end = new Date(start.getTime() + 2 * 60 * 60 * 1000);
    const day = new Date(start.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const book = async (address) => {
      const r = await admin('POST', '/api/v1/pickups', { customer_id: made.body.customer.id, contact_name: '孙丽',
        contact_phone: '13900139001', address, window_start: start.toISOString(), window_end: end.toISOString(),
        consignee_name: '钱多多', consignee_phone: '13600136000', consignee_address: '杭州市西湖区文三路 90 号' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const s = await admin('POST', `/api/v1/pickups/${r.body.pickup.id}/assign`,
        { version: r.body.pickup.version, org_id: courierMe.me.org_id, courier_id: courierMe.me.id });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      return s.body.pickup;
    };
    const pa = await book(`地下一层 A${stamp}`);
    const pb = await book(`电梯间 B${stamp}`);
    const pc = await book(`车库 C${stamp}`);
    const courier = apiOf(courierMe.page);
    const wbc = `WP3${stamp.padStart(11, '0')}`;
    const cc = await courier('POST', `/api/v1/pickups/${pc.id}/collect`, { version: pc.version, waybill_no: wbc });
    assert.equal(cc.status, 200, JSON.stringify(cc.body));

    // Online: the day list and the three pickups are read once (the phone keeps copies).
    const k = courierMe.page;
    await k.evaluate(async () => { await navigator.serviceWorker.ready; });
    await k.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await navTo(k, '/pickups/today');
    await k.fill('input[type=date]', day);
    await k.waitForSelector(`[data-testid=today-item] >> text=离线测试${stamp}`);
    for (const p of [pa, pb, pc]) {
      await k.goto(`${BASE}/pickups/${p.id}`);
      await k.waitForSelector('[data-testid=pickup-status]');
    }
    await k.goto(`${BASE}/pickups/today`);
    await k.fill('input[type=date]', day);
    await k.waitForSelector(`[data-testid=today-item] >> text=电梯间 B${stamp}`);

    // Into the basement: the app still opens, from the service worker and the phone's copies.
    await courierMe.ctx.setOffline(true);
    await k.reload();
    await k.waitForSelector('[data-testid=who]');
    await k.fill('input[type=date]', day);
    await k.waitForSelector('[data-testid=offline-copy]');
    await k.waitForSelector(`[data-testid=today-item] >> text=地下一层 A${stamp}`);
    await k.screenshot({ path: `${SHOTS}/phone-41-courier-offline-list.png`, fullPage: true });

    // A: collected, queued.
    await k.click(`[data-testid=today-item] a[href="/pickups/${pa.id}"]`);
    await k.waitForSelector('[data-testid=offline-copy]');
    const wba = `WP1${stamp.padStart(11, '0')}`;
    await k.fill('#f-waybill_no', wba);
    await k.click('[data-testid=collect]');
    await k.waitForSelector('[data-testid=pending-write]');
    assert.equal(await k.$('[data-testid=collect]'), null, 'no second tap while it waits');
    // C (collected before): an event recorded, queued.
    await k.goto(`${BASE}/pickups/${pc.id}`);
    await k.waitForSelector('[data-testid=event-form]');
    await k.selectOption('#f-type', 'in_transit');
    await k.fill('#f-location', `车库出口${stamp}`);
    await k.click('[data-testid=event-form] button[type=submit]');
    await k.waitForSelector('[data-testid=event-form] .banner-ok >> text=恢复网络后自动提交');
    // Meanwhile the dispatcher cancels B; the courier, still underground, marks it collected.
    const cancel = await admin('POST', `/api/v1/pickups/${pb.id}/cancel`, { version: pb.version, reason: '客户改期' });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    await k.goto(`${BASE}/pickups/${pb.id}`);
    await k.waitForSelector('[data-testid=offline-copy]');
    await k.fill('#f-waybill_no', `WP2${stamp.padStart(11, '0')}`);
    await k.click('[data-testid=collect]');
    await k.waitForSelector('[data-testid=pending-write]');
    await navTo(k, '/pickups/today');
    await k.fill('input[type=date]', day);
    await k.waitForFunction(() => document.querySelectorAll('[data-testid=pending-write]').length === 3);
    await k.screenshot({ path: `${SHOTS}/phone-42-courier-pending.png`, fullPage: true });

    // Signal again: the queue goes out in order; A and the event arrive, B is refused with a reason.
    await courierMe.ctx.setOffline(false);
    await k.waitForSelector('[data-testid=refused-write]', { timeout: 20000 });
    await k.waitForFunction(() => document.querySelectorAll('[data-testid=pending-write]').length === 0, null, { timeout: 20000 });
    assert.match(await k.textContent('[data-testid=refused-reason]'), /状态不允许/);
    await k.screenshot({ path: `${SHOTS}/phone-43-courier-refused.png`, fullPage: true });
    const a2 = (await admin('GET', `/api/v1/pickups/${pa.id}`)).body;
    assert.equal(a2.pickup.status, 'collected');
    assert.equal(a2.pickup.waybill_no, wba);
    assert.equal(a2.history.filter((h) => h.status === 'collected').length, 1, 'collected once');
    const b2 = (await admin('GET', `/api/v1/pickups/${pb.id}`)).body;
    assert.equal(b2.pickup.status, 'cancelled', 'the refused write changed nothing');
    const c2 = (await admin('GET', `/api/v1/pickups/${pc.id}`)).body;
    const ship = (await admin('GET', `/api/v1/shipments/${c2.pickup.shipment_id}`)).body;
    assert.equal(ship.events.filter((e) => e.location === `车库出口${stamp}`).length, 1, 'the event once');
    // Read, dismissed, gone — also after a reload (it was kept on the phone until then).
    await k.click('[data-testid=dismiss-write]');
    await k.waitForFunction(() => !document.querySelector('[data-testid=refused-write]'));
    await k.reload();
    await k.waitForSelector('[data-testid=who]');
    assert.equal(await k.$('[data-testid=refused-write]'), null);
  });
}
