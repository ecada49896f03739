// The customer archive: a sales rep creates a company with contacts, custom fields, a pickup location and
// a follow-up and finds it by two characters; a manager hands customers over; an admin adds a custom
// field; a GBK CSV import with bad rows; bulk tagging and the data-quality lists.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, signIn, navTo } from '../fixtures.mjs';

export default async function ({ step, size, options, stamp }) {
  let created = null; // the company the rep makes: its detail page
  await step(`a sales rep creates a company with two contacts and finds it by two characters`, async ({ open }) => {
    const repCtx = await open({ ...options, locale: 'zh-CN' });
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
    created = new URL(rep.url()).pathname;
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

  await step(`a CS agent edits that company, whose licence they see masked, and saves it`, async ({ open }) => {
    assert.ok(created, 'the company of the step before');
    const ctx = await open({ ...options, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, '13800000004', PASSWORD);
    await p.goto(`${BASE}${created}/edit`);
    await p.waitForSelector('[data-testid=customer-form]');
    await p.waitForFunction(() => document.querySelector('#f-licence_no')?.value.includes('*'));
    await p.fill('#f-notes', '客服回访:要求月结');
    await p.click('[data-testid=customer-form] button[type=submit]');
    await p.waitForURL(`${BASE}${created}`);
    await p.waitForSelector('[data-testid=customer-detail]');
  });

  if (size === 'desktop') {
    await step(`a sales manager hands a rep's customers to another rep`, async ({ open }) => {
      const ctx = await open({ ...options, locale: 'zh-CN' });
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
      const rep = await (await open({ ...options, locale: 'zh-CN' })).newPage();
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
    await step(`an admin adds a custom field and it appears on the customer form`, async ({ open }) => {
      const ctx = await open({ ...options, locale: 'zh-CN' });
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

    await step(`a rep imports a GBK CSV of 500 customers with 3 bad rows and sees them reported`, async ({ open }) => {
      const ctx = await open({ ...options, locale: 'zh-CN' });
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

  await step(`a rep tags a selection in bulk and opens the data-quality lists`, async ({ open }) => {
    const ctx = await open({ ...options, locale: 'zh-CN' });
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
}
