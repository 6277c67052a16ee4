// Browser check of `wara serve` live reload (SPEC §9): open a page, edit its
// source (atomic save), see the page reload by itself; break the front
// matter, see the error overlay over the last good page; fix it, see the
// overlay go. Exits non-zero on any failure.
//
// usage: node scripts/browser/serve-reload.mjs [path/to/wara]   (default target/debug/wara)
// env:   SHOTS=dir  also saves screenshots of the page and of the overlay there
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const wara = resolve(process.argv[2] ?? join(repo, "target/debug/wara"));
const site = mkdtempSync(join(tmpdir(), "wara-serve-reload-"));
cpSync(join(repo, "tests/fixtures/serve"), site, { recursive: true });
const hello = join(site, "content/hello.md");

const page = (body) => `---\ntitle: สวัสดี\ndate: 2020-05-14\n---\n\n${body}\n`;
const BROKEN = "---\ntitle: สวัสดี\ndate: 2020-05-14\nสี: แดง\n---\n\nbroken-version\n";

function atomicSave(path, text) {
  writeFileSync(path + ".tmp", text);
  renameSync(path + ".tmp", path);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` (which may throw while the page navigates) until true. */
async function until(what, check, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // The page is reloading; try again.
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await sleep(50);
  }
}

function startServe() {
  const child = spawn(wara, ["serve", "--root", site, "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const url = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("no `serving` line in 60 s")), 60000);
    child.on("exit", (code) => fail(new Error(`wara serve exited early (${code})`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      const m = /^serving internal on (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
      m ? ok(m[1]) : fail(new Error(`unexpected first line: ${line}`));
    });
  });
  lines.on("line", (line) => console.log(`  serve| ${line}`));
  return { child, url };
}

const { child, url } = startServe();
let browser;
let failed = false;
try {
  const base = await url;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const tab = await browser.newPage();
  const text = () => tab.evaluate(() => document.body.innerText);
  const overlay = tab.locator("#wara-overlay");

  await tab.goto(base + "hello/");
  if (!(await text()).includes("first-version")) throw new Error("first version not shown");
  const banner = await tab.locator(".serve-banner").textContent();
  if (!banner.includes("ภายใน")) throw new Error(`banner says ${banner}`);
  console.log("ok: page shown with the preview banner");
  if (process.env.SHOTS) await tab.screenshot({ path: join(process.env.SHOTS, "serve-page.png") });

  await tab.evaluate(() => { window.__notReloaded = true; });
  const saved = Date.now();
  atomicSave(hello, page("second-version"));
  await until("the page to reload with the new text", async () =>
    (await text()).includes("second-version") &&
    !(await tab.evaluate(() => window.__notReloaded === true)));
  console.log(`ok: reloaded by itself ${Date.now() - saved} ms after the save`);

  atomicSave(hello, BROKEN);
  await until("the error overlay", async () =>
    (await overlay.isVisible()) && (await overlay.textContent()).includes("content/hello.md:"));
  if (!(await text()).includes("second-version")) throw new Error("last good page not kept");
  if (process.env.SHOTS) await tab.screenshot({ path: join(process.env.SHOTS, "serve-overlay.png") });
  console.log("ok: overlay shows: " + (await overlay.locator("pre").textContent()).split("\n")[0]);

  await tab.goto(base + "hello/");
  await until("the overlay on a freshly opened page", () => overlay.isVisible());
  console.log("ok: overlay also shown on a page opened while broken");

  atomicSave(hello, page("third-version"));
  await until("the overlay to go and the fixed page to show", async () =>
    (await overlay.count()) === 0 && (await text()).includes("third-version"));
  console.log("ok: the fix removed the overlay");
} catch (e) {
  failed = true;
  console.error(`FAIL: ${e.message}`);
} finally {
  await browser?.close();
  child.kill("SIGINT");
  await Promise.race([new Promise((r) => child.once("exit", r)), sleep(5000)]);
  rmSync(site, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
