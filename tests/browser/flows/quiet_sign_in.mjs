// The sign-in page of a device nobody is remembered on asks the server nothing (no 401 in every
// visitor's console); once signed in, opening it again goes to the workbench.
import assert from 'node:assert/strict';
import { BASE, VIEWPORTS, ZONE, signIn } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`a visitor's sign-in page asks nothing; a signed-in person opening it goes to the workbench`, async ({ open }) => {
    const ctx = await open({ ...VIEWPORTS.phone, ...ZONE, serviceWorkers: 'block' });
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
}
