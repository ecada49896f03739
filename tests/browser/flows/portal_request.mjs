// A customer opens a complaint in the portal; an agent claims, classifies, answers (canned reply, KB
// suggestions, SLA clock) and resolves it; the hotline lookup; the customer sees the answer and rates it.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, VIEWPORTS, ZONE, portalSignIn, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['desktop'];

export default async function ({ step, size, stamp }) {
  await step(`a customer opens a request in the portal; an agent claims, answers and resolves it; the customer sees it`, async ({ open }) => {
    const cust = await open({ ...VIEWPORTS.phone, ...ZONE });
    const c = await cust.newPage();
    await portalSignIn(c);
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

    const desk = await open({ ...VIEWPORTS.desktop, ...ZONE });
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
