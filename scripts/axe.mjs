// axe-core (WCAG 2.1 A/AA) on the built public site in headless Debian Chromium,
// plus screenshots of the minutes page at phone and desktop widths.
// Usage: node scripts/axe.mjs [--dist dist] [--out ci-artifacts] [--pages /a/,/b/]
// Exit status: 0 no violations, 1 violations (or a page failed to load), 2 setup problem.
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const dist = resolve(arg('dist', process.env.WARA_DIST || 'dist'));
const root = join(dist, 'public');
const outDir = resolve(arg('out', 'ci-artifacts'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.pdf': 'application/pdf',
  '.xml': 'application/xml', '.ics': 'text/calendar; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A tiny static server for `root` with pretty URLs (`/x/` -> `x/index.html`) and `/404.html`. */
function serve() {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    res.writeHead(status, { 'content-type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** `/contests/<slug>/` of the first contest page in the output, by name. */
function firstContest() {
  const dir = join(root, 'contests');
  if (!existsSync(dir)) return null;
  const slugs = readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'index.html')))
    .sort();
  return slugs.length ? `/contests/${slugs[0]}/` : null;
}

function short(s, n = 300) {
  s = String(s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

async function main() {
  if (!existsSync(join(root, 'index.html'))) {
    console.error(`axe: ${root}/index.html not found; build the site first`);
    return 2;
  }
  if (!existsSync(chromiumPath)) {
    console.error(`axe: ${chromiumPath} not found (apt-get install chromium)`);
    return 2;
  }
  const axePath = require.resolve('axe-core');
  const contest = firstContest();
  const pages = arg('pages', '')
    ? arg('pages', '').split(',')
    : ['/', '/minutes/2563/05/', '/minutes/', '/contests/', contest, '/deadlines/'];
  let problems = 0;
  if (!contest && !arg('pages', '')) {
    console.log('axe: FAIL no contest page found under public/contests/<slug>/index.html');
    problems += 1;
  }

  mkdirSync(outDir, { recursive: true });
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const results = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The site must not load anything from another host (SPEC §8); note and block it.
    const external = new Set();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      external.add(url);
      return route.abort();
    });
    // Every page at desktop width, then again at phone width (the menu and tables reflow).
    for (const [w, h] of [[1280, 900], [360, 800]]) {
      await page.setViewportSize({ width: w, height: h });
      for (const path of pages.filter(Boolean)) {
        const key = `${path} @${w}px`;
        const response = await page.goto(origin + path, { waitUntil: 'load' });
        const status = response ? response.status() : 0;
        if (status !== 200) {
          console.log(`axe: FAIL ${key}: HTTP ${status}`);
          problems += 1;
          continue;
        }
        await page.evaluate(() => document.fonts.ready);
        await page.addScriptTag({ path: axePath });
        const r = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          TAGS,
        );
        results[key] = r.violations;
        const nodes = r.violations.reduce((n, v) => n + v.nodes.length, 0);
        console.log(`axe: ${key}: ${r.violations.length} violation(s), ${nodes} node(s)`);
        for (const v of r.violations) {
          console.log(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s)) ${v.helpUrl}`);
          for (const node of v.nodes.slice(0, 5)) {
            console.log(`    at ${node.target.join(' ')}`);
            console.log(`       ${short(node.html, 200)}`);
            console.log(`       ${short(node.failureSummary)}`);
          }
          if (v.nodes.length > 5) console.log(`    … and ${v.nodes.length - 5} more`);
        }
        problems += r.violations.length;
      }
    }
    if (external.size) {
      console.log(`axe: FAIL requests to other hosts (blocked): ${[...external].sort().join(' ')}`);
      problems += 1;
    }

    // Screenshots of the minutes page, phone and desktop, for people to look at.
    for (const [w, h] of [[360, 800], [1280, 900]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${origin}/minutes/2563/05/`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const file = join(outDir, `minutes-${w}x${h}.png`);
      await page.screenshot({ path: file });
      const full = join(outDir, `minutes-${w}x${h}-full.png`);
      await page.screenshot({ path: full, fullPage: true });
      console.log(`axe: screenshots ${file} (first screen), ${full} (whole page)`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  writeFileSync(join(outDir, 'axe-results.json'), JSON.stringify(results, null, 2));
  if (problems) {
    console.log(`axe: FAILED: ${problems} problem(s); details in ${join(outDir, 'axe-results.json')}`);
    return 1;
  }
  console.log(`axe: 0 violations on ${Object.keys(results).length} page scans, 1280px and 360px wide (${TAGS.join(', ')})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`axe: ${err.stack || err}`);
    process.exit(2);
  },
);
