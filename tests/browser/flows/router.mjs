// The apps' own router (frontend/src/router.rs): links open pages in place, Back and Forward
// follow, the current section is marked, a page whose id changes shows the next record, and a
// link outside the app (the Worker's tracking page) loads anew.
import assert from 'node:assert/strict';
import { VIEWPORTS, ZONE, apiOf, signIn, navTo } from '../fixtures.mjs';

export const sizes = ['phone'];

export default async function ({ step }) {
  await step(`links open pages in place; Back and Forward; the section marked; an id change; a link outside the app`, async ({ open }) => {
    const ctx = await open({ ...VIEWPORTS.phone, ...ZONE });
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
}
