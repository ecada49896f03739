// Browser suite: headless Chromium (Debian's) driven by playwright-core through the real UI, at
// desktop and phone size, one file per flow in flows/ (shared fixtures in fixtures.mjs). The files
// run in this order at each size — later ones use what earlier ones made (the demo firm, plus the
// outlet and agent of staff_admin). `FLOWS=portal,router node tests/browser/run.mjs` runs only the
// files whose names contain one of those words. Screenshots go to $ARTIFACTS/screenshots.
import { runFlows } from './fixtures.mjs';

const FILES = [
  'staff_admin', 'customers', 'tracking_no_js', 'courier_event', 'portal_pickup', 'portal_request',
  'portal_claim', 'settings_notices', 'courier_no_archive',
  // issue 11's staff app on a phone: chunks, offline courier, prefetch, router, update prompt
  'lazy_chunks', 'courier_offline', 'prefetch', 'quiet_sign_in', 'router', 'update_banner',
  // issue 13: customer value
  'value',
].map((name) => new URL(`./flows/${name}.mjs`, import.meta.url).href);

const failures = await runFlows(FILES);
if (failures > 0) {
  console.error(`${failures} browser check(s) failed`);
  process.exit(1);
}
console.log('browser suite passed');
