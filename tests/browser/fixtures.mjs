// What every browser flow shares: the server under test, the browser (Debian's Chromium through
// playwright-core), the viewports, signing in and opening a section from the navigation.
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
