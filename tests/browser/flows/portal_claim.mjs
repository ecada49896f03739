// A customer claims for a damaged parcel with a photo (a file that is not one refused); an agent files,
// approves and pays the claim; the customer sees it paid.
import assert from 'node:assert/strict';
import { BASE, SHOTS, PASSWORD, VIEWPORTS, ZONE, portalSignIn, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['desktop'];

export default async function ({ step, size, stamp }) {
  await step(`a customer claims for a damaged parcel with a photo; an agent files, approves and pays it`, async ({ open }) => {
    const cust = await open({ ...VIEWPORTS.phone, ...ZONE });
    const c = await cust.newPage();
    await portalSignIn(c);
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

    const desk = await open({ ...VIEWPORTS.desktop, ...ZONE });
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
