// An admin signs in (a wrong password first), creates an outlet and a cs_agent in it, and finds both in
// the audit log; the agent, in a fresh context, sees only what the role allows: the phone's five-slot bar,
// forbidden and not-found states, the language switch, the offline state, the installed app starting
// without signal, signing out.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, signIn, navTo, navLinks } from '../fixtures.mjs';

export default async function ({ step, size, options, stamp, open }) {
  const outletCode = `B-${size.slice(0, 1).toUpperCase()}${stamp}`;
  const outletName = `浏览器测试营业部${stamp}`;
  const agentPhone = `1770${stamp.padStart(7, '0')}`;
  const agentPassword = `Agent-${stamp}-pass`;

  const admin = await open({ ...options, locale: 'zh-CN' });
  const page = await admin.newPage();

  await step(`sign-in rejects a wrong password with a message`, async () => {
    await page.goto(`${BASE}/login`);
    await page.click('button[type=submit]');
    assert.equal(await page.getAttribute('#f-login', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#f-login-error'), /必填/);
    await page.fill('#f-login', '13800000001');
    await page.fill('#f-password', 'wrong-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=login-error]');
    assert.match(await page.textContent('[data-testid=login-error]'), /账号或密码错误/);
    await page.screenshot({ path: `${SHOTS}/${size}-01-login-error.png` });
  });

  await step(`admin signs in and sees every section`, async () => {
    await signIn(page, '13800000001', PASSWORD);
    assert.deepEqual(await navLinks(page), ['/', '/customers', '/lookup', '/requests', '/shipments', '/pickups', '/orgs', '/staff', '/audit', '/account']);
    assert.equal(await page.textContent('[data-testid=my-role]'), '系统管理员');
    const nav = await page.$('nav.nav');
    const box = await nav.boundingBox();
    if (size === 'phone') {
      assert.ok(box.y + box.height >= 740 - 2 && box.width >= 350, `bottom bar on a phone: ${JSON.stringify(box)}`);
    } else {
      assert.ok(box.x === 0 && box.width <= 220 && box.height > 400, `side bar on a desktop: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: `${SHOTS}/${size}-02-admin-home.png` });
  });

  await step(`admin creates an outlet (inline errors first)`, async () => {
    await navTo(page, '/orgs');
    await page.waitForSelector('[data-testid=org-list]');
    await page.click('[data-testid=new-org]');
    await page.waitForSelector('[data-testid=org-form]');
    await page.selectOption('#f-kind', 'outlet');
    await page.fill('#f-code', 'x');
    await page.click('[data-testid=org-form] button[type=submit]');
    assert.match(await page.textContent('#f-code-error'), /编码/);
    assert.match(await page.textContent('#f-name-error'), /必填/);
    assert.match(await page.textContent('#f-parent_id-error'), /必填/);
    await page.selectOption('#f-parent_id', { label: '华东分公司 (EC)' });
    await page.fill('#f-code', outletCode);
    await page.fill('#f-name', outletName);
    await page.fill('#f-phone', '021 5888 6666');
    await page.screenshot({ path: `${SHOTS}/${size}-03-new-outlet.png`, fullPage: true });
    await page.click('[data-testid=org-form] button[type=submit]');
    await page.waitForURL(`${BASE}/orgs`);
    await page.waitForSelector(`text=${outletName}`);
  });

  await step(`admin creates a cs_agent in that outlet`, async () => {
    await page.goto(`${BASE}/staff/new`);
    await page.waitForSelector('[data-testid=staff-form]');
    await page.fill('#f-name', '浏览器测试客服');
    await page.selectOption('#f-org_id', { label: `${outletName} (${outletCode.toUpperCase()})` });
    await page.selectOption('#f-role', 'cs_agent');
    assert.equal(await page.inputValue('#f-department'), 'customer_service', 'department follows the role');
    await page.fill('#f-phone', agentPhone);
    await page.fill('#f-password', '12345678');
    await page.click('[data-testid=staff-form] button[type=submit]');
    assert.match(await page.textContent('#f-password-error'), /常见/);
    await page.fill('#f-password', agentPassword);
    await page.click('[data-testid=staff-form] button[type=submit]');
    await page.waitForURL(`${BASE}/staff`);
    await page.waitForSelector('text=浏览器测试客服');
    await page.screenshot({ path: `${SHOTS}/${size}-04-staff-list.png`, fullPage: true });
  });

  await step(`the audit log shows both creations`, async () => {
    await navTo(page, '/audit');
    await page.waitForSelector('[data-testid=audit-list]');
    const text = await page.textContent('[data-testid=audit-list]');
    assert.ok(text.includes(outletName) && text.includes(agentPhone), 'audit entries name the new records');
    await page.screenshot({ path: `${SHOTS}/${size}-05-audit.png` });
  });

  // The agent, in a fresh context (own cookies, own storage).
  const agentCtx = await open({ ...options, locale: 'zh-CN' });
  const agent = await agentCtx.newPage();

  await step(`the agent sees only what the role allows`, async () => {
    await signIn(agent, agentPhone, agentPassword);
    assert.deepEqual(await navLinks(agent), ['/', '/customers', '/lookup', '/requests', '/shipments', '/pickups', '/orgs', '/account']);
    assert.equal(await agent.textContent('[data-testid=my-org]'), outletName);
    if (size === 'phone') {
      // At most five entries on a 360-px bar, all on screen; the rest behind 更多.
      const boxes = await agent.$$eval('nav.nav > .nav-item', (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      assert.equal(boxes.length, 5, `five slots: ${JSON.stringify(boxes)}`);
      assert.ok(boxes.every((b) => b.x >= 0 && b.x + b.width <= 360 + 0.5 && b.width >= 44), JSON.stringify(boxes));
      assert.ok(!(await agent.isVisible('[data-testid=nav-sheet]')), 'the sheet starts closed');
      await agent.click('[data-testid=nav-more]');
      await agent.waitForSelector('[data-testid=nav-sheet] a[data-nav="/orgs"]', { state: 'visible' });
      await agent.screenshot({ path: `${SHOTS}/${size}-05-more-sheet.png` });
      await agent.click('[data-testid=nav-sheet] a[data-nav="/orgs"]');
      assert.ok(!(await agent.isVisible('[data-testid=nav-sheet]')), 'the sheet closes on a choice');
    } else {
      await navTo(agent, '/orgs');
    }
    await agent.waitForSelector('[data-testid=org-list]');
    const cards = await agent.$$eval('[data-testid=org-list] li', (li) => li.map((l) => l.textContent));
    assert.equal(cards.length, 1, `one org in reach: ${cards}`);
    assert.ok(cards[0].includes(outletName));
    assert.equal(await agent.$('[data-testid=new-org]'), null, 'no create button');
    await agent.screenshot({ path: `${SHOTS}/${size}-06-agent-orgs.png` });
  });

  await step(`forbidden and not-found states`, async () => {
    await agent.goto(`${BASE}/staff`);
    await agent.waitForSelector('[data-state=forbidden]');
    await agent.screenshot({ path: `${SHOTS}/${size}-07-agent-forbidden.png` });
    await agent.goto(`${BASE}/audit`);
    await agent.waitForSelector('[data-state=forbidden]');
    await agent.goto(`${BASE}/orgs/1`);
    await agent.waitForSelector('[data-state=not-found]');
    await agent.goto(`${BASE}/no/such/page`);
    await agent.waitForSelector('[data-state=not-found]');
  });

  await step(`language switch persists`, async () => {
    await agent.goto(`${BASE}/`);
    await agent.waitForSelector('[data-testid=who]');
    await agent.click('[data-testid=lang-switch]');
    await agent.waitForSelector('a[data-nav="/orgs"] >> text=Organisations', { state: 'attached' });
    await agent.reload();
    await agent.waitForSelector('a[data-nav="/orgs"] >> text=Organisations', { state: 'attached' });
    assert.equal(await agent.getAttribute('html', 'lang'), 'en');
    assert.equal(await agent.textContent('[data-testid=my-role]'), 'CS agent');
    await agent.screenshot({ path: `${SHOTS}/${size}-08-agent-english.png` });
  });

  await step(`offline state when the server cannot be reached`, async () => {
    await agentCtx.setOffline(true);
    await navTo(agent, '/orgs');
    await agent.waitForSelector('[data-state=offline]');
    await agent.screenshot({ path: `${SHOTS}/${size}-09-offline.png` });
    await agentCtx.setOffline(false);
    await agent.click('[data-state=offline] button');
    await agent.waitForSelector('[data-testid=org-list]');
  });

  await step(`the installed app starts without signal (service worker, cached shell)`, async () => {
    const manifest = await agent.getAttribute('link[rel=manifest]', 'href');
    assert.equal(manifest, '/manifest.webmanifest');
    await agent.evaluate(async () => { await navigator.serviceWorker.ready; });
    await agent.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await agentCtx.setOffline(true);
    try {
      await agent.reload();
      // The shell and the wasm come from the cache; the app itself says it is offline.
      await agent.waitForSelector('[data-state=offline], [data-testid=who]');
      await agent.screenshot({ path: `${SHOTS}/${size}-09b-offline-start.png` });
    } finally {
      await agentCtx.setOffline(false);
    }
    await agent.goto(`${BASE}/orgs`);
    await agent.waitForSelector('[data-testid=org-list]');
  });

  await step(`signing out returns to the sign-in page and ends the session`, async () => {
    await agent.click('[data-testid=sign-out]');
    await agent.waitForSelector('#f-login');
    await agent.goto(`${BASE}/orgs`);
    await agent.waitForSelector('#f-login');
  });
}
