// usage: node first-content.mjs ANCHORS_DIR URL TEXT [runs=5] [throttle=none|10mbit]
// The anchors' bench/bench.mjs with another probe, for pages without a data table (a lock group's own page):
// the same Chromium (Debian's, through the anchors' playwright-core), flags, viewport, fresh context per load
// (cold HTTP cache), one discarded warm-up and DevTools throttle; it records when the first visible text node
// containing TEXT (e.g. the group's title "Lock group #1") is in the DOM, and the next animation frame.
// Prints the same JSON as bench.mjs (contentFrame in place of firstRowFrame).
import { createRequire } from 'node:module';
const [anchors, url, text] = process.argv.slice(2, 5);
const runs = Number(process.argv[5] || 5), throttle = process.argv[6] || 'none';
const { chromium } = createRequire(`${anchors}/bench/package.json`)('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/lib/chromium/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
});
const probe = text => {
  window.__t = {};
  const check = () => {
    if (window.__t.at || !document.body) return;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.data.includes(text) && n.parentElement.getBoundingClientRect().height > 0) {
        window.__t.at = performance.now();
        window.__t.tag = n.parentElement.tagName.toLowerCase();
        requestAnimationFrame(() => { window.__t.frame = performance.now(); });
        mo.disconnect(); return;
      }
    }
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, characterData: true });
};
const res = [];
for (let i = 0; i < runs + 1; i++) {           // run 0 = warm-up of the browser process, discarded
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } }); // fresh context = cold HTTP cache
  const page = await ctx.newPage();
  if (throttle === '10mbit') {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
  }
  await page.addInitScript(probe, text);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__t.frame, null, { timeout: 60000 });
  const t = await page.evaluate(() => ({ ...window.__t,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    bytes: performance.getEntriesByType('resource').reduce((s, e) => s + e.transferSize, performance.getEntriesByType('navigation')[0].transferSize) }));
  if (i > 0) res.push(t);
  await ctx.close();
}
await browser.close();
const med = k => { const v = res.map(r => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(JSON.stringify({ url, throttle, runs: res.length, text, element: res[0].tag,
  contentFrame_ms: res.map(r => +r.frame.toFixed(1)), median_contentFrame_ms: +med('frame').toFixed(1),
  median_fcp_ms: +med('fcp').toFixed(1), transferBytes: res[0].bytes }));
