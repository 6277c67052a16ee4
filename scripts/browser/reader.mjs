// The minutes as a reader meets them, in Chromium (reduced motion off):
//  1. deep link: five cold loads of /minutes/2563/05/#item-3-12 at 360 and 1280 px each put
//     the heading's top within 0–120 px of the viewport top;
//  2. scroll cue: at 360 px every table box that overflows shows the cue ("เลื่อนดู…") and
//     every one that fits shows none (minutes, contests);
//  3. paper: printing /minutes/2563/05/ to A4 PDF gives "หน้า N / M" on every page (pdftotext),
//     the signature block on the last page and no page with fewer than five lines of text.
//  4. QR codes in print: every code on the printed minutes (and, with QR_DIST=<dist> QR_PAGE=<path>,
//     on that page of a second build, e.g. the inline-download fixture with a Thai file name) is
//     28 mm or more with modules of 0.5 mm or more, computed from its SVG viewBox and print size.
// Usage: node scripts/browser/reader.mjs [dist] [out-dir]   Exit: 0 all pass, 1 a check failed.
// Screenshots (360 and 1280 px) and the PDF go to out-dir (default ci-artifacts/reader).
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(resolve(process.argv[2] || 'dist'), 'public');
const out = resolve(process.argv[3] || 'ci-artifacts/reader');
mkdirSync(out, { recursive: true });
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.pdf': 'application/pdf' };

const serveRoot = (root) => createServer((req, res) => {
  let file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  // no-store: every load is a cold one
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream',
    'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
});
const server = serveRoot(root);
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

/** Size of every printed QR code on `url`: [label, modules, width mm, module mm]. */
async function printedQr(browser, url) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const codes = await page.evaluate(() => [...document.querySelectorAll('svg.qr')].map((svg) => {
    const modules = Number((svg.getAttribute('viewBox') || '').split(/\s+/)[2]);
    const px = svg.getBoundingClientRect().width;
    return [svg.getAttribute('aria-label') || '', modules, px * 25.4 / 96];
  }));
  await ctx.close();
  return codes.map(([label, modules, mm]) => [label, modules, mm, mm / modules]);
}

let failed = 0;
const fail = (msg) => { failed++; console.log(`reader: FAIL ${msg}`); };
const ok = (msg) => console.log(`reader: ok   ${msg}`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  // 1. Deep links, cold.
  for (const width of [360, 1280]) {
    const tops = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext({ viewport: { width, height: 740 }, reducedMotion: 'no-preference' });
      const page = await ctx.newPage();
      await page.goto(`${base}/minutes/2563/05/#item-3-12`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(400);
      tops.push(Math.round(await page.evaluate(() => document.getElementById('item-3-12').getBoundingClientRect().top)));
      if (i === 0) await page.screenshot({ path: join(out, `deep-link-${width}.png`) });
      await ctx.close();
    }
    const bad = tops.filter((t) => t < 0 || t > 120);
    if (bad.length) fail(`deep link at ${width} px: heading tops ${tops.join(', ')} (want 0–120)`);
    else ok(`deep link at ${width} px: heading tops ${tops.join(', ')}`);
  }

  // 2. Scroll cue only when overflowing.
  {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    let over = 0, fits = 0;
    for (const path of ['/minutes/2563/05/', '/contests/pr-award-2563/', '/contests/fabric-2563/', '/contests/cd-awards-2563/']) {
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(200);
      const boxes = await page.evaluate(() => [...document.querySelectorAll('.table-scroll, figure.chart[tabindex]')].map((el) => ({
        label: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.className,
        overflows: el.scrollWidth > el.clientWidth + 1,
        cue: getComputedStyle(el, '::before').content,
      })));
      for (const b of boxes) {
        const shown = b.cue !== 'none' && b.cue !== 'normal' && b.cue.includes('เลื่อนดู');
        if (b.overflows) over++; else fits++;
        if (b.overflows !== shown) fail(`${path} ${b.label}: overflows=${b.overflows} but cue=${b.cue}`);
      }
      if (path === '/minutes/2563/05/') await page.screenshot({ path: join(out, 'minutes-360.png'), fullPage: false });
    }
    if (!over || !fits) fail(`scroll cue: want both kinds of table at 360 px, got ${over} overflowing and ${fits} fitting`);
    else ok(`scroll cue at 360 px: ${over} overflowing boxes show it, ${fits} fitting boxes do not`);
    await ctx.close();
  }
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/minutes/2563/05/`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(out, 'minutes-1280.png') });
    await ctx.close();
  }

  // 3. Paper.
  {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/minutes/2563/05/`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = join(out, 'minutes-2563-05.pdf');
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim());
    const n = pages.length;
    const th = (k) => String(k).replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[d]);
    const missing = [], short = [];
    pages.forEach((p, i) => {
      if (!p.includes(`หน้า ${th(i + 1)} / ${th(n)}`)) missing.push(i + 1);
      const lines = p.split('\n').filter((l) => l.trim()).length;
      if (lines < 5) short.push(`${i + 1} (${lines} lines)`);
    });
    if (missing.length) fail(`print: no "หน้า N / ${th(n)}" on page(s) ${missing.join(', ')} of ${n}`);
    else ok(`print: ${n} pages, each numbered "หน้า N / ${th(n)}"`);
    if (short.length) fail(`print: near-empty page(s) ${short.join(', ')}`);
    else ok('print: every page has five lines of text or more');
    const last = pages[n - 1] || '';
    if (last.includes('ผู้ตรวจรายงานการประชุม') && last.includes('ผู้จดรายงานการประชุม') && last.includes('ลงชื่อ')) {
      ok('print: the signature block is on the last page');
    } else {
      fail('print: the signature block (ลงชื่อ … ผู้จด/ผู้ตรวจรายงานการประชุม) is not on the last page');
    }
  }

  // 4. QR codes on paper.
  const targets = [[base, '/minutes/2563/05/']];
  let qrServer = null;
  if (process.env.QR_DIST) {
    qrServer = serveRoot(join(resolve(process.env.QR_DIST), 'public'));
    await new Promise((ok) => qrServer.listen(0, '127.0.0.1', ok));
    targets.push([`http://127.0.0.1:${qrServer.address().port}`, process.env.QR_PAGE || '/']);
  }
  for (const [origin, path] of targets) {
    const codes = await printedQr(browser, `${origin}${path}`);
    if (!codes.length) fail(`print QR ${path}: no QR code found`);
    for (const [label, modules, mm, module] of codes) {
      const line = `${path} "${label.slice(0, 40)}": ${modules} modules, ${mm.toFixed(1)} mm, ${module.toFixed(2)} mm a module`;
      if (mm < 28 - 0.05 || module < 0.5 - 0.005) fail(`print QR ${line}`);
      else ok(`print QR ${line}`);
    }
  }
  if (qrServer) qrServer.close();
} finally {
  await browser.close();
  server.close();
}
console.log(`reader: ${failed ? `${failed} check(s) failed` : 'all checks passed'}; screenshots and PDF in ${out}`);
process.exit(failed ? 1 : 0);
