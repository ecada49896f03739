// What every browser flow shares: the server under test, the browser (Debian's Chromium through
// playwright-core), the viewports, signing in (staff and portal), opening a section from the
// navigation, fetch() as a signed-in page, and the runner that gives each flow file its steps and
// closes every context a step opened, failed or not.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const BASE = process.env.WAYPOST_URL;
export const SHOTS = `${process.env.ARTIFACTS || 'artifacts'}/screenshots`;
export const PASSWORD = 'Waypost-Demo-2026';
assert.ok(BASE, 'WAYPOST_URL is not set: run through scripts/test');

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

export const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

export async function signIn(page, login, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.fill('#f-login', login);
  await page.fill('#f-password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

// Opens a section from the navigation: on a phone it may sit in the 更多 sheet.
export async function navTo(page, href) {
  const link = page.locator(`nav.nav a[data-nav="${href}"]`);
  if (!(await link.isVisible())) await page.click('[data-testid=nav-more]');
  await link.click();
}

// The staff app's chunk files: everything its directory holds besides its main module.
export const STAFF_CHUNK = /\/assets\/staff-[0-9a-f]+\/(?!staff_bg\.wasm)[^/]+\.wasm$/;

export const ZONE = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };

// The sections a signed-in person's navigation offers, in order.
export const navLinks = async (page) => page.$$eval('nav.nav a', (as) => as.map((a) => a.getAttribute('data-nav')));

// fetch() from a signed-in page, as the app does (cookie session, CSRF header).
export const apiOf = (page) => async (method, path, body) => page.evaluate(async ([m, u, b]) => {
  const r = await fetch(u, { method: m, headers: { 'Content-Type': 'application/json', 'X-Waypost-Csrf': '1' },
    body: b ? JSON.stringify(b) : undefined });
  return { status: r.status, body: await r.json().catch(() => null) };
}, [method, path, body]);

// The demo firm's portal customer (13912345678) signs in on the portal.
export async function portalSignIn(page, login = '13912345678', password = PASSWORD) {
  await page.goto(`${BASE}/portal/login`);
  await page.fill('#f-login', login);
  await page.fill('#f-password', password);
  await page.click('[data-testid=portal-login] button[type=submit]');
  await page.waitForSelector('[data-testid=portal-who]');
}

// Runs flow files (tests/browser/flows/*.mjs) at each viewport, in the order given. A file's
// default export receives { size, options, stamp, open, step }: `step(name, fn)` runs one check
// (a failure is counted and reported, the file goes on); `open(extra)` opens a browser context
// that is closed when the step — or, called outside a step, the file — ends, failed or not.
// A file may export `sizes` to run at some viewports only. Returns the number of failures.
export async function runFlows(files, only = process.env.FLOWS) {
  const browser = await launch();
  let failures = 0;
  const scoped = () => {
    const contexts = [];
    const open = async (extra = {}) => { const c = await browser.newContext(extra); contexts.push(c); return c; };
    const close = async () => { for (const c of contexts.splice(0)) await c.close().catch(() => {}); };
    return { open, close };
  };
  try {
    for (const [size, options] of Object.entries(VIEWPORTS)) {
      const stamp = `${Date.now() % 1000000}`;
      for (const file of files) {
        if (only && !only.split(',').some((o) => file.includes(o))) continue;
        const flow = await import(file);
        if (flow.sizes && !flow.sizes.includes(size)) continue;
        const outer = scoped();
        const step = async (name, fn) => {
          const inner = scoped();
          try {
            await fn({ open: inner.open });
            console.log(`ok   ${size}: ${name}`);
          } catch (e) {
            failures++;
            console.log(`FAIL ${size}: ${name}\n     ${e.stack || e}`);
          } finally {
            await inner.close();
          }
        };
        try {
          await flow.default({ size, options, stamp, open: outer.open, step });
        } catch (e) {
          failures++;
          console.log(`FAIL ${size}: ${file} stopped outside a step\n     ${e.stack || e}`);
        } finally {
          await outer.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return failures;
}
