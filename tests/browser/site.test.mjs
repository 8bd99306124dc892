// Browser tests of `orgit site`: loads generated sites in the system
// Chromium through playwright-core (which drives an installed browser and
// downloads none) and checks what a person would: the overview lists goals,
// a key result's chart draws, the graph shows nodes, search finds an id,
// links lead to the right pages, nothing logs an error, and the hostile org's
// pages run no script. Screenshots of the overview, a team page and the
// graph go to SCREENSHOT_DIR for review.
//
//   node site.test.mjs EXAMPLE_SITE HOSTILE_SITE SCREENSHOT_DIR
//
// `.ci/run` builds both sites and runs this; CHROMIUM overrides the browser
// (default /usr/bin/chromium).

import { chromium } from "playwright-core";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, relative } from "node:path";
import { pathToFileURL } from "node:url";

const [exampleSite, hostileSite, shots] = process.argv.slice(2).map((p) => resolve(p));
if (!exampleSite || !hostileSite || !shots) {
  console.error("usage: node site.test.mjs EXAMPLE_SITE HOSTILE_SITE SCREENSHOT_DIR");
  process.exit(2);
}

// A fresh profile for every run (playwright passes it as --user-data-dir).
const profile = mkdtempSync(join(tmpdir(), "orgit-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
// No network: any request that is not a file of the site fails the test.
let offsite = [];
await browser.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file://")) return route.continue();
  offsite.push(url);
  return route.abort();
});

let failures = 0;
let passed = 0;
async function check(name, body) {
  offsite = [];
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  try {
    await body(page);
    await page.waitForTimeout(100);
    problems.push(...offsite.map((u) => `network request: ${u}`));
    if (problems.length) throw new Error(problems.join("\n"));
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}\n     ${String(error.message || error).split("\n").join("\n     ")}`);
  } finally {
    await page.close();
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const url = (site, path) => pathToFileURL(join(site, path)).href;

await check("the overview renders the goals of every team", async (page) => {
  await page.goto(url(exampleSite, "index.html"));
  const goals = await page.locator("section.goals li.goal a").count();
  assert(goals >= 5, `only ${goals} goal links on the overview`);
  const attention = await page.locator("section.attention h3").count();
  assert(attention === 4, `needs-attention has ${attention} lists, not 4`);
  await page.screenshot({ path: join(shots, "site-overview.png"), fullPage: true });
});

await check("following a goal link opens that goal's page", async (page) => {
  await page.goto(url(exampleSite, "index.html"));
  const link = page.locator("section.goals li.goal a").first();
  const title = (await link.textContent()).trim();
  await link.click();
  await page.waitForLoadState();
  assert(/\/goals\/[^/]+\.html$/.test(page.url()), `landed on ${page.url()}`);
  const h1 = (await page.locator("h1").textContent()).trim();
  assert(h1 === title, `the goal page is titled "${h1}", the link said "${title}"`);
  const rows = await page.locator("table.history tbody tr").count();
  assert(rows > 0, "the goal page lists no history");
});

await check("a team page draws its key results' value over the period", async (page) => {
  await page.goto(url(exampleSite, "index.html"));
  // The first team on the overview with a metric key result.
  const teams = await page.locator(".team-section h3 a").evaluateAll((links) => links.map((a) => a.href));
  let found = false;
  for (const team of teams) {
    await page.goto(team);
    const line = page.locator("svg.chart path.value").first();
    if ((await line.count()) === 0) continue;
    const box = await line.boundingBox();
    assert(box && box.width > 50, `the chart's line is ${box ? box.width : 0}px wide`);
    const points = await page.locator("svg.chart circle.point").count();
    assert(points >= 2, `the charts have ${points} points`);
    await page.screenshot({ path: join(shots, "site-team.png"), fullPage: true });
    found = true;
    break;
  }
  assert(found, "no team page has a chart");
});

await check("the dependency graph shows nodes and focuses one", async (page) => {
  await page.goto(url(exampleSite, "graph.html"));
  await page.waitForSelector("#graph[data-ready]");
  const shown = Number(await page.getAttribute("#graph", "data-ready"));
  assert(shown > 0, "the graph shows no items");
  const canvases = await page.locator("#graph canvas").count();
  assert(canvases > 0, "Cytoscape drew no canvas");
  await page.screenshot({ path: join(shots, "site-graph.png") });
  const total = await page.evaluate(() => window.ORGIT_GRAPH.nodes.length);
  const first = await page.evaluate(() => window.ORGIT_GRAPH.edges[0][0]);
  await page.fill("#graph-focus", first);
  await page.press("#graph-focus", "Enter");
  const status = await page.textContent("#graph-status");
  assert(/showing \d+ of \d+ items/.test(status), `after focusing ${first}: "${status}"`);
  assert(total >= shown, `${shown} shown of ${total}`);
});

await check("search finds an id and opens its page", async (page) => {
  await page.goto(url(exampleSite, "teams/sales.html"));
  const id = await page.evaluate(async () => {
    await new Promise((done) => {
      const s = document.createElement("script");
      s.src = "../assets/search-index.js";
      s.onload = done;
      document.head.appendChild(s);
    });
    return window.ORGIT_SEARCH.find((e) => e[1] === "initiative")[0];
  });
  await page.click("#search");
  await page.fill("#search", id);
  const result = page.locator("#search-results a").first();
  await result.waitFor();
  const text = await result.textContent();
  assert(text.includes(id), `the first result for ${id} is "${text}"`);
  await page.press("#search", "Enter");
  await page.waitForLoadState();
  assert(page.url().endsWith(`/initiatives/${id}.html`), `search led to ${page.url()}`);
});

await check("every other page of the example loads without errors", async (page) => {
  for (const path of ["org.html", "documents.html", "people/" + readdirSync(join(exampleSite, "people"))[0]]) {
    await page.goto(url(exampleSite, path));
    assert((await page.locator("h1").count()) === 1, `${path} has no title`);
  }
});

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith(".html")) out.push(path);
  }
  return out.sort();
}

await check("the hostile org's pages run no script", async (page) => {
  // A script that ran would open a dialog, throw, or be refused by the
  // Content-Security-Policy (a console error); any of these fails.
  await page.addInitScript(() => {
    window.__ran = [];
    for (const name of ["alert", "confirm", "prompt"]) window[name] = (m) => window.__ran.push(String(m));
  });
  const pages = htmlFiles(hostileSite);
  assert(pages.length >= 10, `only ${pages.length} hostile pages`);
  for (const file of pages) {
    await page.goto(pathToFileURL(file).href);
    // Open every folded section, hover and click what there is.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
    for (const link of await page.locator("main a:not([href])").all()) await link.click();
    const ran = await page.evaluate(() => window.__ran);
    assert(ran.length === 0, `${relative(hostileSite, file)} ran: ${ran.join(", ")}`);
    const title = await page.title();
    assert(!/^\s*$/.test(title), `${relative(hostileSite, file)} lost its title`);
  }
  const goal = pathToFileURL(join(hostileSite, "goals/pwn.html")).href;
  await page.goto(goal);
  const h1 = await page.textContent("h1");
  assert(h1.includes("<script>alert('goal')</script>"), `the hostile title is not shown as text: ${h1}`);
});

await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
