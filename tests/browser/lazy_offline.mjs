// Browser flows of issue 11's staff app on a phone: pages that arrive as chunks when opened (and a
// chunk that fails to arrive, answered by the retry), and a courier who loses the signal — the day
// list from the last sync, "collected" and an event queued on the phone, sent once when the
// signal returns, and a write the server refuses shown with its reason. Each flow closes its
// contexts even when it fails. Run by scripts/test after run.mjs.
import assert from 'node:assert/strict';
import { BASE, SHOTS, VIEWPORTS, launch, signIn, navTo } from './fixtures.mjs';

const browser = await launch();
const PHONE = VIEWPORTS.phone;
const ZONE = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

let failures = 0;
async function flow(name, fn) {
  const contexts = [];
  const open = async (options) => { const c = await browser.newContext(options); contexts.push(c); return c; };
  try {
    await fn(open);
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${e.stack || e}`);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
  }
}

// fetch() from a signed-in page, as the app does.
const apiOf = (page) => async (method, path, body) => page.evaluate(async ([m, u, b]) => {
  const r = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-Waypost-Csrf': '1' },
    body: b ? JSON.stringify(b) : undefined });
  return { status: r.status, body: await r.json().catch(() => null) };
}, [method, path, body]);

// Chunk files: everything the staff app's directory holds besides its main module.
const CHUNK = /\/assets\/staff-[0-9a-f]+\/(?!staff_bg\.wasm)[^/]+\.wasm$/;

await flow('phone: staff pages arrive as chunks when opened; a chunk that fails offers a retry that works', async (open) => {
  const ctx = await open({ ...PHONE, ...ZONE, serviceWorkers: 'block' });
  const p = await ctx.newPage();
  const fetched = [];
  p.on('request', (r) => { if (CHUNK.test(new URL(r.url()).pathname)) fetched.push(new URL(r.url()).pathname); });
  // Sign-in, the shell and the workbench need no chunk; keep the idle prefetch from fetching one.
  await p.route(CHUNK, (r) => r.abort('internetdisconnected'));
  await signIn(p, '13800000002');
  await p.waitForSelector('[data-testid=who]');
  await navTo(p, '/customers');
  await p.waitForSelector('[data-state=chunk-failed]');
  assert.match(await p.textContent('[data-state=chunk-failed]'), /页面未能加载/);
  await p.screenshot({ path: `${SHOTS}/phone-40-chunk-failed.png` });
  await p.unroute(CHUNK);
  await p.click('[data-testid=chunk-retry]');
  await p.waitForSelector('[data-testid=customer-search]');
  assert.ok(fetched.length > 0, 'the customers page came as a chunk');
  // Another area is another chunk, fetched on the way there.
  const before = fetched.length;
  await navTo(p, '/requests');
  await p.waitForFunction(() => !document.querySelector('[data-state=chunk-failed]') && !!document.querySelector('h1'));
  assert.ok(fetched.length > before, `the service pages came as their own chunk (${fetched.join(', ')})`);
});

await flow('phone: a courier without signal works through the day list; the writes arrive once; a refused one shows why', async (open) => {
  const adminCtx = await open({ viewport: { width: 1280, height: 800 }, ...ZONE });
  const a = await adminCtx.newPage();
  await signIn(a, '13800000004'); // the CS agent books, dispatches and cancels
  const admin = apiOf(a);
  const stamp = `${Date.now() % 1000000}`;
  const made = await admin('POST', '/api/v1/customers', { kind: 'company', name: `离线测试${stamp}有限公司`,
    contacts: [{ name: '孙丽', phone: `1772${stamp.padStart(7, '0')}`, is_primary: true }] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const courierMe = await (async () => {
    const c = await open({ ...PHONE, ...ZONE });
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

// The idle prefetch (frontend/src/lazy.rs): once signed in, every chunk file is fetched at the
// browser's lowest priority without being compiled; opening another area then reads its chunk
// from the HTTP cache, not the network. (No service worker here: it would serve them itself.)
await flow('phone: once signed in, the chunks are prefetched while idle; opening an area reads its chunk from the cache', async (open) => {
  const ctx = await open({ ...PHONE, ...ZONE, serviceWorkers: 'block' });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Network.enable');
  const served = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const path = new URL(e.response.url).pathname;
    if (CHUNK.test(path)) served.set(path, [...(served.get(path) || []), e.response.fromDiskCache || e.response.fromPrefetchCache ? 'cache' : 'network']);
  });
  await signIn(p, '13800000002');
  const listed = (await p.getAttribute('meta[name=waypost-chunks]', 'content')).split(' ');
  assert.ok(listed.length >= 6 && listed.every((f) => CHUNK.test(f)), `the HTML lists the chunk files (${listed.length})`);
  await p.waitForFunction((n) => document.querySelectorAll('link[rel=prefetch]').length === n, listed.length);
  const service = listed.find((f) => /split_service\.wasm$/.test(f));
  for (let i = 0; i < 50 && !(served.get(service) || []).includes('network'); i++) await p.waitForTimeout(100);
  assert.deepEqual(served.get(service), ['network'], 'prefetched once');
  await navTo(p, '/requests');
  await p.waitForFunction(() => !document.querySelector('.state-loading') && !!document.querySelector('main h1'));
  assert.deepEqual(served.get(service), ['network', 'cache'], 'opened from the cache');
});

// The sign-in page of a device nobody is remembered on asks the server nothing (no 401 in every
// visitor's console); once signed in, opening it again goes to the workbench.
await flow('phone: a visitor\'s sign-in page asks nothing; a signed-in person opening it goes to the workbench', async (open) => {
  const ctx = await open({ ...PHONE, ...ZONE, serviceWorkers: 'block' });
  const p = await ctx.newPage();
  const asked = [];
  const errors = [];
  p.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/auth/me') asked.push(r.url()); });
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(`${BASE}/login`);
  await p.waitForSelector('#f-login');
  await p.waitForTimeout(500);
  assert.deepEqual([asked, errors], [[], []]);
  await signIn(p, '13800000002');
  await p.goto(`${BASE}/login`);
  await p.waitForURL((u) => new URL(u).pathname === '/');
  await p.waitForSelector('[data-testid=who]');
  assert.ok(asked.length > 0, 'a remembered person is checked with the server');
});

// The apps' own router (frontend/src/router.rs): links open pages in place, Back and Forward
// follow, the current section is marked, a page whose id changes shows the next record, and a
// link outside the app (the Worker's tracking page) loads anew.
await flow('phone: links open pages in place; Back and Forward; the section marked; an id change; a link outside the app', async (open) => {
  const ctx = await open({ ...PHONE, ...ZONE });
  const p = await ctx.newPage();
  await signIn(p, '13800000001');
  const current = () => p.$$eval('nav.nav a[aria-current=page]', (as) => as.map((a) => a.dataset.nav));
  assert.deepEqual(await current(), ['/']);
  await p.evaluate(() => { window.__stay = 1; });
  const stayed = () => p.evaluate(() => window.__stay === 1);
  await navTo(p, '/customers');
  await p.waitForSelector('[data-testid=customer-list] a[href^="/customers/"]');
  assert.deepEqual(await current(), ['/customers']);
  const list = await apiOf(p)('GET', '/api/v1/customers?limit=2');
  assert.equal(list.status, 200);
  const [a, b] = list.body.items;
  assert.ok(a && b, 'two customers in the demo firm');
  await p.click(`[data-testid=customer-list] a[href="/customers/${a.id}"]`);
  await p.waitForSelector(`[data-testid=customer-detail] h1 >> text=${a.name}`);
  assert.equal(new URL(p.url()).pathname, `/customers/${a.id}`);
  await p.goBack();
  await p.waitForSelector('[data-testid=customer-list]');
  assert.equal(new URL(p.url()).pathname, '/customers');
  await p.goForward();
  await p.waitForSelector(`[data-testid=customer-detail] h1 >> text=${a.name}`);
  // Same route, another id: the page stays and loads the other customer.
  await p.evaluate((id) => {
    const link = Object.assign(document.createElement('a'), { href: `/customers/${id}`, textContent: 'next' });
    document.querySelector('#main').append(link);
    link.click();
  }, b.id);
  await p.waitForSelector(`[data-testid=customer-detail] h1 >> text=${b.name}`);
  assert.ok(await stayed(), 'navigated without reloading the app');
  // A tab is a query: the same page, another tab.
  await p.click('[data-testid=tab-timeline]');
  await p.waitForFunction(() => new URL(location.href).searchParams.get('tab') === 'timeline');
  assert.equal(await p.getAttribute('[data-testid=tab-timeline]', 'aria-selected'), 'true');
  assert.ok(await stayed());
  // Not the app's: the browser loads the Worker's page.
  await p.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '/track', textContent: 'track' });
    document.querySelector('#main').append(link);
    link.click();
  });
  await p.waitForURL(/\/track$/);
  await p.waitForSelector('form');
  assert.equal(await p.evaluate(() => window.__stay), undefined, 'a full load');
});

await flow('phone: a new version waiting is offered as a reload, in the person\'s language', async (open) => {
  // The handle index.html leaves when a new service worker waits (components/update.rs); the real
  // worker is blocked so only this handle speaks.
  const handle = () => {
    window.__accepted = 0;
    window.__waypostUpdate = { accept() { window.__accepted += 1; } };
  };
  const ctx = await open({ ...PHONE, ...ZONE, serviceWorkers: 'block' });
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
  const en = await open({ ...PHONE, ...ZONE, serviceWorkers: 'block' });
  await en.addInitScript(() => localStorage.setItem('waypost.locale', 'en'));
  await en.addInitScript(handle);
  const q = await en.newPage();
  await q.goto(`${BASE}/login`);
  await q.waitForSelector('[data-testid=update-banner]');
  assert.match(await q.textContent('[data-testid=update-banner]'), /A new version of Waypost is available\.\s*Reload/);
  await q.click('[data-testid=update-reload]');
  assert.equal(await q.evaluate(() => window.__accepted), 1);
});

await browser.close();
if (failures > 0) {
  console.error(`${failures} browser flow(s) failed`);
  process.exit(1);
}
