// An admin edits the service settings (business calendar and holidays, routing rules, automatic inquiries,
// the claim approval limit) and writes a knowledge-base article; a supervisor reads their notices on a
// phone.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, VIEWPORTS, signIn } from '../fixtures.mjs';

export const sizes = ['desktop'];

export default async function ({ step, size, options, stamp }) {
  await step(`an admin adds a holiday to the firm's calendar; a supervisor reads their notices`, async ({ open }) => {
    const ctx = await open({ ...options, locale: 'zh-CN' });
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

    const sup = await open({ ...VIEWPORTS.phone, locale: 'zh-CN' });
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
