// Search in a real browser: /search/?q=… on the built public site finds Thai words
// inside unspaced Thai text, and Thai or Arabic digits alike.
// Usage: node scripts/browser/search.mjs [dist]   Exit: 0 all found, 1 a query failed.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(resolve(process.argv[2] || 'dist'), 'public');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.woff2': 'font/woff2', '.svg': 'image/svg+xml' };

const server = createServer((req, res) => {
  let file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

// Each query is a word that appears only inside longer unspaced Thai text.
const CASES = [
  { q: 'ครัวเรือน', expect: '/minutes/2563/05/' },       // in "ผู้แทนครัวเรือนเป้าหมาย…"
  { q: 'ผักสวนครัว', expect: '/minutes/2563/05/' },
  { q: 'ลายดอกพิกุล', expect: '/contests/fabric-2563/' },
  { q: '๕/๒๕๖๓', expect: '/minutes/2563/05/' },
  { q: '5/2563', expect: '/minutes/2563/05/' },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
let failed = 0;
try {
  const page = await browser.newPage();
  for (const { q, expect } of CASES) {
    await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
    await page.waitForSelector('#search-results p', { timeout: 10000 });
    const hrefs = await page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
    const ok = hrefs.includes(expect);
    console.log(`${ok ? 'ok' : 'FAIL'}: "${q}" -> ${hrefs.length} result(s)${ok ? '' : `, expected ${expect}`}`);
    if (!ok) failed++;
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`search: ${CASES.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
