// Browser suite: headless Chromium (Debian's) driven by playwright-core through the real UI, at
// desktop and phone size. An admin signs in, creates an outlet and a cs_agent; the agent signs in
// in a fresh context and sees only what the role allows. Screenshots go to $ARTIFACTS/screenshots.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, VIEWPORTS, launch, signIn, navTo } from './fixtures.mjs';

const browser = await launch();

let failures = 0;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${e.stack || e}`);
  }
}

const navLinks = async (page) => page.$$eval('nav.nav a', (as) => as.map((a) => a.getAttribute('data-nav')));

for (const [size, options] of Object.entries(VIEWPORTS)) {
  const stamp = `${Date.now() % 1000000}`;
  const outletCode = `B-${size.slice(0, 1).toUpperCase()}${stamp}`;
  const outletName = `浏览器测试营业部${stamp}`;
  const agentPhone = `1770${stamp.padStart(7, '0')}`;
  const agentPassword = `Agent-${stamp}-pass`;

  const admin = await browser.newContext({ ...options, locale: 'zh-CN' });
  const page = await admin.newPage();

  await step(`${size}: sign-in rejects a wrong password with a message`, async () => {
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

  await step(`${size}: admin signs in and sees every section`, async () => {
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

  await step(`${size}: admin creates an outlet (inline errors first)`, async () => {
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

  await step(`${size}: admin creates a cs_agent in that outlet`, async () => {
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

  await step(`${size}: the audit log shows both creations`, async () => {
    await navTo(page, '/audit');
    await page.waitForSelector('[data-testid=audit-list]');
    const text = await page.textContent('[data-testid=audit-list]');
    assert.ok(text.includes(outletName) && text.includes(agentPhone), 'audit entries name the new records');
    await page.screenshot({ path: `${SHOTS}/${size}-05-audit.png` });
  });

  // The agent, in a fresh context (own cookies, own storage).
  const agentCtx = await browser.newContext({ ...options, locale: 'zh-CN' });
  const agent = await agentCtx.newPage();

  await step(`${size}: the agent sees only what the role allows`, async () => {
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

  await step(`${size}: forbidden and not-found states`, async () => {
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

  await step(`${size}: language switch persists`, async () => {
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

  await step(`${size}: offline state when the server cannot be reached`, async () => {
    await agentCtx.setOffline(true);
    await navTo(agent, '/orgs');
    await agent.waitForSelector('[data-state=offline]');
    await agent.screenshot({ path: `${SHOTS}/${size}-09-offline.png` });
    await agentCtx.setOffline(false);
    await agent.click('[data-state=offline] button');
    await agent.waitForSelector('[data-testid=org-list]');
  });

  await step(`${size}: the installed app starts without signal (service worker, cached shell)`, async () => {
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

  await step(`${size}: signing out returns to the sign-in page and ends the session`, async () => {
    await agent.click('[data-testid=sign-out]');
    await agent.waitForSelector('#f-login');
    await agent.goto(`${BASE}/orgs`);
    await agent.waitForSelector('#f-login');
  });

  await step(`${size}: a sales rep creates a company with two contacts and finds it by two characters`, async () => {
    const repCtx = await browser.newContext({ ...options, locale: 'zh-CN' });
    const rep = await repCtx.newPage();
    await signIn(rep, '13800000006', PASSWORD);
    const digits = '零一二三四五六七八九';
    const cn = [...stamp].map((d) => digits[Number(d)]).join('');
    const name = `${cn}号仓储物流有限公司`;
    await navTo(rep, '/customers');
    await rep.waitForSelector('[data-testid=customer-list]');
    await rep.click('[data-testid=new-customer]');
    await rep.waitForSelector('[data-testid=customer-form]');
    await rep.fill('#f-name', name);
    await rep.fill('#f-phone', `021 6${stamp.padStart(7, '0')}`);
    await rep.fill('#f-licence_no', '91350100M000100Y44');
    await rep.fill('#f-contacts-0-name', '周杰');
    await rep.fill('#f-contacts-0-phone', '1352222' + stamp.slice(-4).padStart(4, '0'));
    await rep.click('[data-testid=add-contact-row]');
    await rep.fill('#f-contacts-1-name', '吴静');
    await rep.fill('#f-contacts-1-email', 'wu.jing@example.cn');
    // Custom fields (the demo firm's): a bad number is an inline error, a select picks an option.
    await rep.fill('[data-key=monthly_volume]', '很多');
    await rep.selectOption('[data-key=channel]', '电商');
    await rep.click('[data-testid=customer-form] button[type=submit]');
    assert.match(await rep.textContent('#f-licence_no-error'), /统一社会信用代码/);
    assert.match(await rep.textContent('.field:has([data-key=monthly_volume]) .field-error'), /有效的数字/);
    await rep.fill('[data-key=monthly_volume]', '1200');
    await rep.fill('#f-licence_no', '91350100M000100Y43');
    await rep.screenshot({ path: `${SHOTS}/${size}-10-new-customer.png`, fullPage: true });
    await rep.click('[data-testid=customer-form] button[type=submit]');
    await rep.waitForSelector('[data-testid=customer-detail]');
    await rep.waitForSelector('[data-testid=custom-profile] >> text=电商');
    assert.match(await rep.textContent('[data-testid=custom-profile]'), /1200/);
    await rep.click('[data-testid=tab-contacts]');
    await rep.waitForSelector('[data-testid=contact-list] li');
    const contacts = await rep.$$eval('[data-testid=contact-list] li', (li) => li.map((l) => l.textContent));
    assert.equal(contacts.length, 2, `two contacts: ${contacts}`);
    assert.ok(contacts[0].includes('周杰') && contacts[0].includes('主要联系人'));
    await rep.screenshot({ path: `${SHOTS}/${size}-11-customer-detail.png`, fullPage: true });
    // A pickup location: the address is required, the first one becomes the default.
    await rep.click('[data-testid=tab-locations]');
    await rep.click('[data-testid=add-location]');
    await rep.fill('#f-label', '仓库');
    await rep.fill('#f-postcode', '2002');
    await rep.click('[data-testid=location-form] button[type=submit]');
    assert.match(await rep.textContent('#f-address-error'), /必填/);
    assert.match(await rep.textContent('#f-postcode-error'), /6 位数字/);
    await rep.fill('#f-address', '闵行区沪闵路 100 号');
    await rep.fill('#f-postcode', '200233');
    await rep.click('[data-testid=location-form] button[type=submit]');
    await rep.waitForSelector('[data-testid=location-list] >> text=仓库 · 闵行区沪闵路 100 号');
    assert.match(await rep.textContent('[data-testid=location-list] li'), /默认/);
    // The timeline: plan a follow-up, see it, mark it done.
    await rep.click('[data-testid=tab-timeline]');
    await rep.waitForSelector('[data-testid=interaction-form]');
    await rep.selectOption('#f-kind', 'visit');
    await rep.selectOption('#f-status', 'planned');
    await rep.fill('#f-summary', '上门洽谈月结合同');
    await rep.click('[data-testid=interaction-form] button[type=submit]');
    assert.match(await rep.textContent('#f-when-error'), /必填/);
    await rep.fill('#f-when', '2030-01-02T10:00');
    await rep.click('[data-testid=interaction-form] button[type=submit]');
    await rep.waitForSelector('[data-testid=interaction] >> text=上门洽谈月结合同');
    await rep.screenshot({ path: `${SHOTS}/${size}-11b-timeline.png`, fullPage: true });
    await rep.click('[data-testid=interaction] [data-testid=mark-done]');
    await rep.waitForSelector('[data-testid=interaction] >> text=已完成');
    await navTo(rep, '/customers');
    await rep.waitForSelector('[data-testid=customer-list]');
    await rep.fill('[data-testid=customer-search]', cn.slice(0, 2));
    await rep.waitForSelector(`[data-testid=customer-list] >> text=${name}`);
    await rep.screenshot({ path: `${SHOTS}/${size}-12-customer-search.png` });
    await repCtx.close();
  });

  if (size === 'desktop') {
    await step(`${size}: a sales manager hands a rep's customers to another rep`, async () => {
      const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
      const p = await ctx.newPage();
      await signIn(p, '13800000005', PASSWORD);
      await navTo(p, '/customers');
      await p.click('[data-testid=handover]');
      await p.waitForSelector('[data-testid=handover-form]');
      // Demo: rep 12 (徐汇营业部) owns 华联商贸; 吴晓东 (staff 6) takes over.
      await p.waitForFunction(() => document.querySelectorAll('#f-from_staff_id option').length > 2);
      await p.selectOption('#f-from_staff_id', '12');
      await p.selectOption('#f-to_staff_id', '6');
      await p.fill('#f-reason', '离职交接');
      await p.click('[data-testid=handover-form] button[type=submit]');
      await p.waitForSelector('[data-testid=banner-ok]');
      assert.match(await p.textContent('[data-testid=banner-ok]'), /已移交的客户数:[1-9]/);
      await p.screenshot({ path: `${SHOTS}/${size}-13-handover.png` });
      const rep = await (await browser.newContext({ ...options, locale: 'zh-CN' })).newPage();
      await signIn(rep, '13800000006', PASSWORD);
      await rep.goto(`${BASE}/customers`);
      await rep.fill('[data-testid=customer-search]', '华联');
      await rep.waitForSelector('[data-testid=customer-list] >> text=华联商贸有限公司');
      // The hand-over is on the customer's timeline.
      await rep.click('[data-testid=customer-list] >> text=华联商贸有限公司');
      await rep.click('[data-testid=tab-timeline]');
      await rep.waitForSelector('[data-testid=record-change] >> text=移交了客户');
      await ctx.close();
    });
  }

  if (size === 'desktop') {
    await step(`${size}: an admin adds a custom field and it appears on the customer form`, async () => {
      const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
      const p = await ctx.newPage();
      await signIn(p, '13800000001', PASSWORD);
      await p.goto(`${BASE}/settings/fields`);
      await p.waitForSelector('[data-testid=field-form]');
      await p.fill('#f-key', 'Bad Key');
      await p.click('[data-testid=field-form] button[type=submit]');
      assert.match(await p.textContent('#f-key-error'), /小写字母/);
      await p.fill('#f-key', `pay_${stamp}`);
      await p.fill('#f-label_zh', '结算方式');
      await p.fill('#f-label_en', 'Payment');
      await p.selectOption('#f-kind', 'select');
      await p.fill('#f-options', '月结\n现结\n到付');
      await p.fill('#f-position', '9');
      await p.click('[data-testid=field-form] button[type=submit]');
      await p.waitForSelector('[data-testid=field-list] >> text=结算方式');
      await p.goto(`${BASE}/customers/new`);
      await p.waitForSelector(`[data-key=pay_${stamp}]`);
      await p.screenshot({ path: `${SHOTS}/${size}-17-custom-fields.png`, fullPage: true });
      await ctx.close();
    });

    await step(`${size}: a rep imports a GBK CSV of 500 customers with 3 bad rows and sees them reported`, async () => {
      const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
      const p = await ctx.newPage();
      await signIn(p, '13800000006', PASSWORD);
      await navTo(p, '/customers');
      await p.click('[data-testid=import]');
      await p.waitForSelector('[data-testid=import-page]');
      await p.setInputFiles('#f-file', process.env.IMPORT_CSV);
      await p.waitForSelector('[data-testid=import-mapping]');
      const summary = await p.textContent('[data-testid=import-mapping] p');
      assert.match(summary, /GB18030/, `decoded as GBK: ${summary}`);
      assert.match(summary, /500/);
      assert.equal(await p.inputValue('select[data-col="0"]'), 'name', 'the name column is guessed from 客户名称');
      assert.equal(await p.inputValue('select[data-col="5"]'), 'contact_phone');
      await p.screenshot({ path: `${SHOTS}/${size}-14-import-mapping.png`, fullPage: true });
      await p.click('[data-testid=import-start]');
      await p.waitForFunction(() => document.querySelector('[data-testid=import-progress]')?.textContent.startsWith('500 / 500'),
        null, { timeout: 60000 });
      await p.waitForSelector('[data-testid=import-start]:not([disabled])');
      const counts = await p.textContent('[data-testid=import-counts]');
      assert.match(counts, /新建 497/, counts);
      assert.match(counts, /有误 3/, counts);
      const problems = await p.$$eval('[data-testid=import-problems] tbody tr', (rows) => rows.map((r) => r.textContent));
      assert.equal(problems.length, 3, problems.join('\n'));
      assert.ok(problems.some((t) => t.includes('联系人手机')), problems.join('\n'));
      await p.screenshot({ path: `${SHOTS}/${size}-15-import-report.png`, fullPage: true });
      await p.goto(`${BASE}/customers`);
      await p.fill('[data-testid=customer-search]', '浏览导入');
      await p.waitForSelector('[data-testid=customer-list] >> text=有限公司');
      await ctx.close();
    });
  }

  await step(`${size}: a rep tags a selection in bulk and opens the data-quality lists`, async () => {
    const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, '13800000006', PASSWORD);
    await navTo(p, '/customers');
    await p.waitForSelector('[data-testid=customer-list] li');
    const boxes = await p.$$('[data-testid=customer-list] [data-testid=select]');
    await boxes[0].check();
    await boxes[1].check();
    await p.waitForSelector('[data-testid=bulk-bar]');
    assert.match(await p.textContent('[data-testid=bulk-bar] strong'), /2/);
    await p.selectOption('[data-testid=bulk-kind]', 'add_tag');
    await p.fill('[data-testid=bulk-value]', `批量${size}`);
    await p.click('[data-testid=bulk-apply]');
    await p.waitForSelector('[data-testid=bulk-message]');
    assert.match(await p.textContent('[data-testid=bulk-message]'), /已更新客户数:2/);
    assert.equal(await p.$('[data-testid=bulk-bar]'), null, 'the selection is cleared');
    await p.fill('[data-testid=filter-tag]', `批量${size}`);
    await p.waitForFunction(() => document.querySelectorAll('[data-testid=customer-list] li').length === 2);
    await p.click('[data-testid=quality]');
    await p.waitForSelector('[data-testid=quality-list] li');
    await p.click('[data-testid=quality-stale]');
    await p.waitForSelector('#f-days');
    await p.waitForSelector('[data-testid=quality-list] >> text=从未联系');
    await p.screenshot({ path: `${SHOTS}/${size}-16-quality.png`, fullPage: true });
    await ctx.close();
  });

  await step(`${size}: a visitor with JavaScript off tracks a waybill, unmasks it with the digits and reports a problem`, async () => {
    // The tracking page is HTML from the Worker: no script, no wasm, plain forms.
    const ctx = await browser.newContext({ ...options, locale: 'zh-CN', javaScriptEnabled: false });
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

  if (size === 'phone') {
    await step(`${size}: a courier finds a waybill and records an event`, async () => {
      const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
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

  if (size === 'phone') {
    await step(`${size}: a customer signs up, books a pickup; a dispatcher assigns it; the courier collects it; the customer sees it`, async () => {
      const zone = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };
      const phone = `1771${stamp.padStart(7, '0')}`;
      // Customer service has the company on file with this contact's mobile.
      const adminCtx = await browser.newContext({ ...VIEWPORTS.desktop, ...zone });
      const a = await adminCtx.newPage();
      await signIn(a, '13800000001', PASSWORD);
      const api = async (method, path, body) => a.evaluate(async ([m, u, b]) => {
        const r = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-Waypost-Csrf': '1' },
          body: b ? JSON.stringify(b) : undefined });
        return { status: r.status, body: await r.json().catch(() => null) };
      }, [method, path, body]);
      const made = await api('POST', '/api/v1/customers', { kind: 'company', name: `门户浏览器${stamp}有限公司`,
        contacts: [{ name: '赵敏', phone, is_primary: true }] });
      assert.equal(made.status, 201);
      const code = async () => {
        await api('POST', '/api/v1/outbox/deliver', {});
        const r = await api('GET', `/api/v1/outbox?recipient=${phone}&status=sent`);
        const m = r.body.items.map((i) => i.body.match(/(?<!\d)\d{6}(?!\d)/)).find(Boolean);
        assert.ok(m, 'a recorded code');
        return m[0];
      };

      const cust = await browser.newContext({ ...options, ...zone });
      const c = await cust.newPage();
      await c.goto(`${BASE}/portal/login`);
      await c.click('a[href="/portal/register"]');
      await c.fill('#f-login', phone);
      await c.click('[data-testid=send-code]');
      await c.waitForSelector('.banner >> text=验证码已发送');
      await c.fill('#f-code', '000000');
      await c.fill('#f-name', '赵敏');
      await c.fill('#f-password', 'Portal-Browser-2026');
      await c.click('[data-testid=portal-code-flow] button[type=submit]');
      await c.waitForFunction(() => document.querySelector('#f-code-error')?.textContent.length > 0);
      await c.fill('#f-code', await code());
      await c.click('[data-testid=portal-code-flow] button[type=submit]');
      await c.waitForSelector('[data-testid=portal-who] >> text=门户浏览器');
      await navTo(c, '/portal/pickups');
      await c.click('[data-testid=book-pickup]');
      await c.fill('#f-contact_name', '赵敏');
      await c.fill('#f-contact_phone', phone);
      await c.fill('#f-region', '上海市闵行区');
      await c.fill('#f-address', '七莘路 1888 号 3 号门');
      await c.fill('#f-pieces', '3');
      await c.fill('#f-consignee_name', '钱多多');
      await c.fill('#f-consignee_phone', '13600136000');
      await c.fill('#f-consignee_address', '杭州市西湖区文三路 90 号');
      await c.fill('#f-dest_region', '浙江省杭州市');
      const day = await c.inputValue('#f-window_day');
      await c.click('[data-testid=pickup-submit]');
      await c.waitForSelector('[data-testid=pickup-status] >> text=待派单');
      const pickupId = c.url().split('/').pop();
      await c.screenshot({ path: `${SHOTS}/${size}-20-portal-booked.png`, fullPage: true });

      const desk = await browser.newContext({ ...VIEWPORTS.desktop, ...zone });
      const d = await desk.newPage();
      await signIn(d, '13800000004', PASSWORD);
      await navTo(d, '/pickups');
      await d.click(`[data-testid=pickup-list] a[href="/pickups/${pickupId}"]`);
      await d.waitForSelector('[data-testid=assign-form]');
      await d.waitForFunction(() => document.querySelectorAll('#f-org_id option').length > 1);
      await d.selectOption('#f-org_id', '4');
      await d.selectOption('#f-courier_id', { label: '郑勇' });
      await d.click('[data-testid=assign-form] button[type=submit]');
      await d.waitForSelector('[data-testid=pickup-status] >> text=已派单');
      await desk.close();

      const cour = await browser.newContext({ ...options, ...zone });
      const k = await cour.newPage();
      await signIn(k, '13800000007', PASSWORD);
      await navTo(k, '/pickups/today');
      await k.fill('input[type=date]', day);
      await k.waitForSelector('[data-testid=today-item] >> text=门户浏览器');
      assert.ok(await k.$(`[data-testid=today-item] a[href="tel:${phone}"]`), 'tap to call');
      await k.screenshot({ path: `${SHOTS}/${size}-21-courier-today.png`, fullPage: true });
      await k.click(`[data-testid=today-item] a[href="/pickups/${pickupId}"]`);
      // The page renders its actions once the pickup has loaded; fill only then, and make sure
      // the number is still in the box when collecting (a re-render once wiped it — logged).
      await k.waitForSelector('[data-testid=pickup-status] >> text=已派单');
      const wb = `WP2026${stamp.padStart(8, '0')}`;
      await k.fill('#f-waybill_no', wb);
      await k.waitForTimeout(300);
      if (await k.inputValue('#f-waybill_no') !== wb) {
        console.log('note: the pickup page re-rendered and cleared the waybill box; filled again');
        await k.fill('#f-waybill_no', wb);
      }
      await k.click('[data-testid=collect]');
      await k.waitForFunction(() => /已取件/.test(document.querySelector('[data-testid=pickup-status]')?.textContent || '')
        || document.querySelector('.banner'));
      const banner = await k.$('.banner');
      if (banner) {
        await k.screenshot({ path: `${SHOTS}/${size}-21b-collect-failed.png`, fullPage: true });
        assert.fail(`collecting failed: ${await banner.textContent()}`);
      }
      await cour.close();

      await c.reload();
      await c.waitForSelector('[data-testid=pickup-status] >> text=已取件');
      assert.equal((await c.$$('[data-testid=pickup-history] li')).length, 3);
      await navTo(c, '/portal/notices');
      await c.waitForSelector('[data-testid=portal-notices] >> text=已揽收');
      assert.match(await c.textContent('[data-testid=portal-notices]'), /已派单/);
      await c.screenshot({ path: `${SHOTS}/${size}-22-portal-notices.png`, fullPage: true });
      await cust.close();
      await adminCtx.close();
    });
  }

  if (size === 'desktop') {
    await step(`${size}: a customer opens a request in the portal; an agent claims, answers and resolves it; the customer sees it`, async () => {
      const zone = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };
      const cust = await browser.newContext({ ...VIEWPORTS.phone, ...zone });
      const c = await cust.newPage();
      await c.goto(`${BASE}/portal/login`);
      await c.fill('#f-login', '13912345678');
      await c.fill('#f-password', PASSWORD);
      await c.click('[data-testid=portal-login] button[type=submit]');
      await c.waitForSelector('[data-testid=portal-who]');
      await navTo(c, '/portal/requests');
      await c.click('[data-testid=new-request]');
      const subject = `包裹外箱破损 ${stamp}`;
      await c.selectOption('#f-kind', 'complaint');
      await c.fill('#f-waybill_no', 'WP202611200001');
      await c.fill('#f-subject', subject);
      await c.fill('#f-description', '收到时外箱压扁');
      await c.click('[data-testid=portal-request-form] button[type=submit]');
      await c.waitForSelector('[data-testid=portal-request-status] >> text=新建');
      const requestId = c.url().split('/').pop();

      const desk = await browser.newContext({ ...VIEWPORTS.desktop, ...zone });
      const d = await desk.newPage();
      await signIn(d, '13800000004', PASSWORD);
      await navTo(d, '/requests');
      await d.click('[data-testid=requests-queue]');
      await d.click(`[data-testid=request-list] a[href="/requests/${requestId}"]`);
      await d.click('[data-testid=claim]');
      await d.waitForSelector('[data-testid=request-status] >> text=已分派');
      // The agent classifies the complaint: damage, major.
      await d.waitForSelector('#f-cause option[value=damage]', { state: 'attached' });
      await d.selectOption('#f-cause', 'damage');
      await d.selectOption('#f-severity', 'major');
      await d.click('[data-testid=classify]');
      await d.waitForFunction(() => document.querySelector('#f-cause')?.value === 'damage'
        && !document.querySelector('[data-testid=complaint-panel] .banner-error'));
      // The knowledge base suggests what a complaint needs; agents search it too.
      await d.waitForSelector('[data-testid=kb-suggestions] >> text=投诉受理与回访要求');
      // The SLA clock: a VIP's complaint, the first response still to come.
      assert.match(await d.textContent('[data-testid=sla-left]'), /剩余|已超时/);
      assert.doesNotMatch(await d.textContent('[data-testid=sla-first-response]'), /已响应/);
      // A canned reply fills the box; the agent then writes their own.
      await d.selectOption('[data-testid=canned]', { index: 1 });
      assert.match(await d.inputValue('#f-body'), /加急/);
      await d.fill('#f-body', '非常抱歉,已安排网点上门查看。');
      await d.click('[data-testid=reply-form] button[type=submit]');
      await d.waitForSelector('[data-testid=request-entries] >> text=已安排网点上门查看');
      await d.waitForSelector('[data-testid=sla-first-response] >> text=已响应');
      await d.click('[data-testid=to-resolved]');
      await d.waitForFunction(() => document.querySelector('#f-note-error')?.textContent.length > 0);
      await d.fill('#f-note', '已补发并赔付运费');
      await d.click('[data-testid=to-resolved]');
      await d.waitForSelector('[data-testid=request-status] >> text=已解决');
      assert.match(await d.textContent('[data-testid=sla-left]'), /按时完成|超时完成/);
      await d.screenshot({ path: `${SHOTS}/${size}-23-request-resolved.png`, fullPage: true });
      await d.goto(`${BASE}/kb`);
      await d.fill('#f-kb-q', '理赔');
      await d.click('[data-testid=kb-search] button[type=submit]');
      await d.waitForSelector('[data-testid=kb-list] >> text=破损与丢失理赔所需材料');
      assert.ok(!(await d.$('a[href="/kb/new"]')), 'agents do not write articles');
      // Complaints by cause count it.
      await d.goto(`${BASE}/complaints`);
      await d.waitForSelector('[data-testid=complaint-stats] >> text=破损');
      await d.screenshot({ path: `${SHOTS}/${size}-29-complaints-by-cause.png`, fullPage: true });
      // The hotline: a consignee calls; the number finds their parcels.
      await navTo(d, '/lookup');
      await d.fill('#f-lookup', '139 0000 0001');
      await d.click('[data-testid=lookup-form] button[type=submit]');
      await d.waitForSelector('[data-testid=lookup-consignee] >> text=WP202611200001');
      await desk.close();

      await c.reload();
      await c.waitForSelector('[data-testid=portal-request-status] >> text=已解决');
      assert.match(await c.textContent('[data-testid=portal-request-entries]'), /已安排网点上门查看/);
      // The customer rates it: the overall score is required, then the answers show.
      await c.click('[data-testid=survey-form] button[type=submit]');
      await c.waitForFunction(() => document.querySelector('[data-testid=survey-form] .field-error')?.textContent.length > 0);
      await c.click('[data-testid=overall-5]');
      await c.click('[data-testid=speed-4]');
      await c.fill('#f-comment', '处理很快');
      await c.click('[data-testid=survey-form] button[type=submit]');
      await c.waitForSelector('[data-testid=survey-result] >> text=处理很快');
      await c.screenshot({ path: `${SHOTS}/phone-24-portal-request.png`, fullPage: true });
      await cust.close();
    });
  }

  if (size === 'desktop') {
    await step(`${size}: a customer claims for a damaged parcel with a photo; an agent files, approves and pays it`, async () => {
      const zone = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };
      const cust = await browser.newContext({ ...VIEWPORTS.phone, ...zone });
      const c = await cust.newPage();
      await c.goto(`${BASE}/portal/login`);
      await c.fill('#f-login', '13912345678');
      await c.fill('#f-password', PASSWORD);
      await c.click('[data-testid=portal-login] button[type=submit]');
      await c.waitForSelector('[data-testid=portal-who]');
      await navTo(c, '/portal/requests');
      await c.click('[data-testid=new-request]');
      await c.selectOption('#f-kind', 'claim');
      await c.fill('#f-waybill_no', 'WP202611200001');
      await c.fill('#f-subject', `外箱压坏索赔 ${stamp}`);
      await c.click('[data-testid=portal-request-form] button[type=submit]');
      await c.waitForSelector('[data-testid=portal-request-status] >> text=新建');
      const requestId = c.url().split('/').pop();
      // A file that is not a photo is refused with a message; the photo is kept.
      await c.setInputFiles('[data-testid=attachment-input]', { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await c.click('[data-testid=upload-attachment]');
      await c.waitForSelector('[data-testid=attachments] ~ .card .field-error >> text=JPEG');
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF crushed box')]);
      await c.setInputFiles('[data-testid=attachment-input]', { name: '破损.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await c.click('[data-testid=upload-attachment]');
      await c.waitForSelector('[data-testid=attachments] >> text=破损.jpg');

      const desk = await browser.newContext({ ...VIEWPORTS.desktop, ...zone });
      const d = await desk.newPage();
      await signIn(d, '13800000004', PASSWORD);
      await d.goto(`${BASE}/requests/${requestId}`);
      await d.waitForSelector('[data-testid=attachments] >> text=破损.jpg');
      await d.selectOption('#f-claim_type', 'damage');
      await d.fill('#f-amount_claimed', '300');
      await d.click('[data-testid=claim-file]');
      await d.waitForSelector('[data-testid=claim-status] >> text=审核中');
      await d.click('[data-testid=claim-approve]');
      await d.waitForSelector('[data-testid=claim-status] >> text=已批准');
      assert.match(await d.textContent('[data-testid=claim-approved]'), /300\.00/);
      await d.fill('#f-reference', '网银转账 001');
      await d.click('[data-testid=claim-pay]');
      await d.waitForSelector('[data-testid=claim-status] >> text=已赔付');
      await d.screenshot({ path: `${SHOTS}/${size}-27-claim-paid.png`, fullPage: true });
      await desk.close();

      await c.reload();
      await c.waitForSelector('[data-testid=claim-status] >> text=已赔付');
      await c.screenshot({ path: `${SHOTS}/phone-28-portal-claim.png`, fullPage: true });
      await cust.close();
    });
  }

  if (size === 'desktop') {
    await step(`${size}: an admin adds a holiday to the firm's calendar; a supervisor reads their notices`, async () => {
      const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
      const p = await ctx.newPage();
      await signIn(p, '13800000001', PASSWORD);
      await p.goto(`${BASE}/settings/sla`);
      await p.waitForSelector('[data-testid=sla-policies] li');
      assert.ok((await p.$$('[data-testid=sla-policies] li')).length >= 6, 'the seeded policies');
      await p.waitForSelector('[data-testid=week-0-0]');
      assert.equal(await p.inputValue('[data-testid=week-0-0]'), '09:00-18:00');
      // A bad opening time is refused with a message, nothing saved.
      await p.fill('[data-testid=week-0-6]', '25:00-26:00');
      await p.click('[data-testid=save-calendars]');
      await p.waitForSelector('.banner-error');
      await p.fill('[data-testid=week-0-6]', '');
      await p.fill('[data-testid=holidays-0]', '2030-01-02');
      await p.click('[data-testid=save-calendars]');
      await p.waitForSelector('.banner-ok');
      await p.reload();
      await p.waitForSelector('[data-testid=holidays-0]');
      assert.equal(await p.inputValue('[data-testid=holidays-0]'), '2030-01-02');
      await p.screenshot({ path: `${SHOTS}/${size}-25-sla-settings.png`, fullPage: true });
      await p.fill('[data-testid=holidays-0]', '');
      await p.click('[data-testid=save-calendars]');
      await p.waitForSelector('.banner-ok');
      // A routing rule: added, saved, still there after a reload, then removed again.
      await p.click('[data-testid=add-routing]');
      await p.fill('[data-testid=routing-region-0]', '广东');
      const saved = (r) => r.url().includes('/api/v1/routing-rules') && r.request().method() === 'PUT' && r.status() === 200;
      await Promise.all([p.waitForResponse(saved), p.click('[data-testid=save-routing]')]);
      await p.reload();
      await p.waitForFunction(() => document.querySelector('[data-testid=routing-region-0]')?.value === '广东');
      await p.click('[data-testid=routing-rules] li .btn-link');
      await Promise.all([p.waitForResponse(saved), p.click('[data-testid=save-routing]')]);
      await p.waitForFunction(() => !document.querySelector('[data-testid=routing-region-0]'));
      // An admin writes a knowledge-base article; it opens after saving.
      await p.goto(`${BASE}/kb/new`);
      await p.click('[data-testid=kb-form] button[type=submit]');
      await p.waitForSelector('#f-title-error:not(:empty)');
      await p.fill('#f-category', '时效');
      await p.fill('#f-title', `冬季冰雪天气派送说明 ${stamp}`);
      await p.fill('#f-body', '道路结冰时派送顺延一天,客服主动短信告知收件人。');
      await p.click('[data-testid=kb-form] button[type=submit]');
      await p.waitForSelector(`[data-testid=kb-article] >> text=冬季冰雪天气派送说明 ${stamp}`);
      await p.goto(`${BASE}/settings/sla`);
      await p.waitForSelector('[data-testid=auto-exception]');
      // Automatic inquiries are on for both causes.
      await p.waitForFunction(() => document.querySelector('[data-testid=auto-exception]')?.checked === true
        && document.querySelector('[data-testid=auto-overdue]')?.checked === true);
      // The claim approval limit: shown in yuan, saved, then put back.
      await p.waitForFunction(() => document.querySelector('[data-testid=claim-limit]')?.value === '500.00');
      await p.fill('[data-testid=claim-limit]', '800');
      await p.click('[data-testid=save-claim-limit]');
      await p.waitForFunction(() => document.querySelector('[data-testid=claim-limit]')?.value === '800.00');
      await p.fill('[data-testid=claim-limit]', '500');
      await p.click('[data-testid=save-claim-limit]');
      await p.waitForFunction(() => document.querySelector('[data-testid=claim-limit]')?.value === '500.00');
      await ctx.close();

      const sup = await browser.newContext({ ...VIEWPORTS.phone, locale: 'zh-CN' });
      const s = await sup.newPage();
      await signIn(s, '13800000003', PASSWORD);
      await s.click('[data-testid=bell]');
      await s.waitForSelector('[data-testid=notice-list]');
      await s.click('[data-testid=read-all]');
      await s.waitForFunction(() => !document.querySelector('.notice-unread'));
      await s.screenshot({ path: `${SHOTS}/phone-26-notices.png`, fullPage: true });
      await sup.close();
    });
  }

  await step(`${size}: couriers have no customer archive`, async () => {
    const ctx = await browser.newContext({ ...options, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, '13800000007', PASSWORD);
    assert.ok(!(await navLinks(p)).includes('/customers'));
    await p.goto(`${BASE}/customers`);
    await p.waitForSelector('[data-state=forbidden]');
    await ctx.close();
  });

  await agentCtx.close();
  await admin.close();
}

await browser.close();
if (failures > 0) {
  console.error(`${failures} browser check(s) failed`);
  process.exit(1);
}
console.log('browser suite passed');
