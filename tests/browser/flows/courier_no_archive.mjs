// Couriers have no customer archive: not in their navigation, forbidden when opened.
import assert from 'node:assert/strict';
import { BASE, PASSWORD, signIn, navLinks } from '../fixtures.mjs';

export default async function ({ step, size, options }) {
  await step(`couriers have no customer archive`, async ({ open }) => {
    const ctx = await open({ ...options, locale: 'zh-CN' });
    const p = await ctx.newPage();
    await signIn(p, '13800000007', PASSWORD);
    assert.ok(!(await navLinks(p)).includes('/customers'));
    await p.goto(`${BASE}/customers`);
    await p.waitForSelector('[data-state=forbidden]');
    await ctx.close();
  });
}
