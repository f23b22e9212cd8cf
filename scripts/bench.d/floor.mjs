// usage: node floor.mjs ANCHORS_DIR PAGES_JSON [runs=5] [networks=none,10mbit,phone]
// "First rows at the floor": the time from navigation to the first animation frame after a page's first data
// is on screen, cold and warm, on each network, for each page of PAGES_JSON:
//   [{"name": "...", "stack": "...", "url": "...", "rows": "TEXT"} | {..., "text": "TEXT"}]
// `rows`: the first visible <tbody><tr> containing TEXT (the anchors' own probe in bench/bench.mjs);
// `text`: the first visible text node containing TEXT (a page without a data table: a group's show page).
// Each run is a fresh browser context (empty HTTP cache): the first visit is the cold load; a second page in the
// same context then loads the same URL again, the warm start of an admin who opened the console yesterday (HTTP
// cache and the browser's compiled-code cache warm, nothing of the first page in memory). Run 0 warms the browser
// process and is discarded. Same Chromium (Debian's, via the anchors' playwright-core), flags and viewport as the
// anchors' bench.mjs; the networks are DevTools network conditions:
//   none: loopback; 10mbit: 10 Mbit/s down, 5 up, 40 ms per request; phone: 1.6 Mbit/s down, 750 kbit/s up, 150 ms.
// Prints one JSON line per page, network and cache: medians of first data frame, FCP, bytes transferred by then,
// requests, and how many wasm modules the page compiled and instantiated.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const [anchors, pagesFile] = process.argv.slice(2, 4);
const runs = Number(process.argv[4] || 5);
const networks = (process.argv[5] || 'none,10mbit,phone').split(',');
const pages = JSON.parse(readFileSync(pagesFile, 'utf8'));
const { chromium } = createRequire(`${anchors}/bench/package.json`)('playwright-core');
const browser = await chromium.launch({
  executablePath: '/usr/lib/chromium/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
});
const conditions = {
  '10mbit': { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 },
  phone: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
};
// Runs in the page before its own scripts: the probe, and a count of the wasm modules it makes.
const probe = ({ rows, text }) => {
  window.__t = { modules: 0 };
  for (const f of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
    const real = WebAssembly[f];
    if (!real) continue;
    WebAssembly[f] = function (...args) {
      // instantiate(module) only instantiates what compile() already counted.
      if (!(f === 'instantiate' && args[0] instanceof WebAssembly.Module)) window.__t.modules++;
      return real.apply(this, args);
    };
  }
  const seen = () => {
    if (rows !== undefined) {
      for (const tr of document.querySelectorAll('tbody tr')) {
        if (tr.textContent.includes(rows) && tr.getBoundingClientRect().height > 0) return true;
      }
      return false;
    }
    if (!document.body) return false;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.data.includes(text) && n.parentElement.getBoundingClientRect().height > 0) return true;
    }
    return false;
  };
  const check = () => {
    if (window.__t.at || !seen()) return;
    window.__t.at = performance.now();
    requestAnimationFrame(() => { window.__t.frame = performance.now(); });
    mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true, characterData: true });
};
async function visit(ctx, p, network) {
  const page = await ctx.newPage();
  if (conditions[network]) {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions[network]);
  }
  await page.addInitScript(probe, { rows: p.rows, text: p.text });
  await page.goto(p.url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__t && window.__t.frame, null, { timeout: 120000 });
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter(e => e.startTime <= window.__t.frame);
    return { frame: window.__t.frame, modules: window.__t.modules,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      bytes: res.reduce((s, e) => s + e.transferSize, nav.transferSize), requests: res.length + 1,
      fromCache: res.filter(e => e.transferSize === 0 && e.decodedBodySize > 0).length };
  });
  await page.close();
  return t;
}
const med = v => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const network of networks) {
  for (const p of pages) {
    const cold = [], warm = [];
    for (let i = 0; i < runs + 1; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const c = await visit(ctx, p, network);
      const w = await visit(ctx, p, network);
      await ctx.close();
      if (i > 0) { cold.push(c); warm.push(w); }
    }
    for (const [cache, res] of [['cold', cold], ['warm', warm]]) {
      console.log(JSON.stringify({ page: p.name, stack: p.stack, network, cache, runs: res.length,
        first_ms: +med(res.map(r => r.frame)).toFixed(1), all_ms: res.map(r => +r.frame.toFixed(1)),
        fcp_ms: +med(res.map(r => r.fcp)).toFixed(1), bytes: med(res.map(r => r.bytes)),
        requests: med(res.map(r => r.requests)), cached: med(res.map(r => r.fromCache)),
        modules: med(res.map(r => r.modules)) }));
    }
  }
}
await browser.close();
