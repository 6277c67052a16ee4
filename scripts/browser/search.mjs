// Search in a real browser: /search/?q=… on the built public site finds Thai words
// inside unspaced Thai text, and Thai or Arabic digits alike; a result leads to the
// passage (agenda item) that holds the match, with the match in <mark>; spaces in a
// query are AND; title matches rank first; no snippet starts with a Thai vowel or tone
// mark; the count is in Thai digits; the query is shown as text, never as HTML.
// Usage: node scripts/browser/search.mjs [dist]   Exit: 0 all passed, 1 a check failed.
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

// A combining mark (Thai above/below vowels and tone marks, or any \p{M}): never the
// first character of a snippet, a mark, or the text right after a mark.
const COMBINING = /^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\p{M}]/u;

let failed = 0;
let checks = 0;
function check(ok, what) {
  checks++;
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failed++;
}

// What the results list shows: per result the link, the page title, the marks, the snippets.
async function results(page, q) {
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('#search-results p', { timeout: 10000 });
  return page.$eval('#search-results', (out) => ({
    count: out.querySelector('p') ? out.querySelector('p').textContent : '',
    elements: [...out.querySelectorAll('*')].map((e) => e.localName),
    hits: [...out.querySelectorAll('ol.search-list > li')].map((li) => {
      const a = li.querySelector(':scope > a');
      const title = a.cloneNode(true);
      title.querySelectorAll('.search-heading').forEach((h) => h.remove());
      return {
        href: a.getAttribute('href'),
        title: title.textContent.trim(),
        marks: [...li.querySelectorAll('mark')].map((m) => ({
          text: m.textContent,
          after: m.nextSibling ? m.nextSibling.textContent : '',
        })),
        snippets: [...li.querySelectorAll('p.summary')].map((p) => p.textContent),
      };
    }),
  }));
}

function noOrphanMarks(q, r) {
  const bad = [];
  for (const h of r.hits) {
    for (const s of h.snippets) if (COMBINING.test(s.replace(/^…/, ''))) bad.push(`snippet "${s.slice(0, 20)}"`);
    for (const m of h.marks) {
      if (COMBINING.test(m.text)) bad.push(`mark "${m.text}"`);
      if (COMBINING.test(m.after)) bad.push(`after mark "${m.after.slice(0, 10)}"`);
    }
  }
  check(!bad.length, `"${q}": no snippet or mark starts with a combining mark${bad.length ? ` (${bad.join(', ')})` : ''}`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage();
  for (const { q, expect } of CASES) {
    const r = await results(page, q);
    const paths = r.hits.map((h) => h.href.split('#')[0]);
    check(paths.includes(expect), `"${q}" -> ${r.hits.length} result(s)${paths.includes(expect) ? '' : `, expected ${expect}`}`);
    noOrphanMarks(q, r);
  }

  // The passage, not the page: the agenda item whose heading holds the words, marked.
  const ITEM = /\/minutes\/2563\/05\/#item-3-17-[13]$/;
  const joined = await results(page, 'ปลูกผักสวนครัว');
  const first = joined.hits[0];
  check(first && ITEM.test(first.href), `"ปลูกผักสวนครัว": first result ${first && first.href} ends in #item-3-17-1 or #item-3-17-3`);
  check(first && first.marks.some((m) => m.text.includes('ปลูกผักสวนครัว')), `"ปลูกผักสวนครัว": first result has <mark>ปลูกผักสวนครัว</mark> (marks: ${first && first.marks.map((m) => m.text).join(' | ')})`);
  noOrphanMarks('ปลูกผักสวนครัว', joined);
  check(/^พบ [๐-๙]+ หน้า/.test(joined.count) && !/[0-9]/.test(joined.count), `count in Thai digits: "${joined.count}"`);

  // A space in a Thai query is AND: the same first result, both words marked.
  const spaced = await results(page, 'ปลูกผัก สวนครัว');
  const sfirst = spaced.hits[0];
  check(sfirst && first && sfirst.href === first.href, `"ปลูกผัก สวนครัว": same first result (${sfirst && sfirst.href})`);
  check(sfirst && sfirst.marks.some((m) => m.text.includes('ปลูกผัก')) && sfirst.marks.some((m) => m.text.includes('สวนครัว')), `"ปลูกผัก สวนครัว": both words marked`);
  noOrphanMarks('ปลูกผัก สวนครัว', spaced);

  // Ranked: every page whose title holds the word comes before every page whose body does.
  const town = await results(page, 'ลพบุรี');
  const inTitle = town.hits.map((h) => h.title.includes('ลพบุรี'));
  const firstBody = inTitle.indexOf(false);
  check(inTitle[0] && (firstBody < 0 || !inTitle.slice(firstBody).includes(true)),
    `"ลพบุรี": title matches first (${inTitle.map((t) => (t ? 'T' : 'b')).join('')})`);
  check(town.hits.length > inTitle.filter(Boolean).length, `"ลพบุรี": body matches listed too (${town.hits.length} results)`);
  noOrphanMarks('ลพบุรี', town);

  // Short common words hit many passages; the old page-level snippets began with an
  // orphan tone mark for these.
  for (const q of ['ที่', 'ใน', 'การ']) noOrphanMarks(q, await results(page, q));

  // Terms spread over different items still find the page (the AND holds page-wide).
  const spread = await results(page, 'OTOP บวร');
  check(spread.hits.some((h) => h.href.startsWith('/minutes/2563/05/')), `"OTOP บวร": terms in two items find the minutes (${spread.hits.length} result(s))`);

  // A query is text: markup in it reaches the page as characters, never as elements.
  const html = await results(page, '<img src=x onerror=alert(1)>');
  check(!html.elements.includes('img') && html.count.includes('<img'), `markup in a query is shown as text: "${html.count}"`);

  // Without Intl.Segmenter (older browsers) the fallback still never cuts a cluster.
  const old = await browser.newPage();
  await old.addInitScript(() => { delete Intl.Segmenter; });
  for (const q of ['ครัวเรือน', 'ลพบุรี', 'ที่', 'ปลูกผัก สวนครัว']) {
    const r = await results(old, q);
    check(r.hits.length > 0, `no Intl.Segmenter: "${q}" -> ${r.hits.length} result(s)`);
    noOrphanMarks(`no Intl.Segmenter: ${q}`, r);
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`search: ${checks - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
