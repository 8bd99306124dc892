// Renders a Mermaid file in real headless Chromium with the pinned Mermaid
// release, the way a markdown viewer does, and reports what it drew.
//
//   node tests/mermaid/render.mjs DIAGRAM.mmd SCREENSHOT.png
//
// Prints one JSON object: {"error": null | "the parse or render error",
// "labels": [text of every node label drawn], "subgraphs": [titles],
// "svg_chars": N}, and writes a screenshot of the diagram. Exits 0 when it
// could run (even if Mermaid refused the diagram), 2 when it could not.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const [input, screenshot] = process.argv.slice(2);
if (!input || !screenshot) {
  console.error("usage: node render.mjs DIAGRAM.mmd SCREENSHOT.png");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const mermaidBundle = require.resolve("mermaid/dist/mermaid.min.js");
const diagram = readFileSync(input, "utf8");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.setContent("<!doctype html><html><body><div id=out></div></body></html>");
  await page.addScriptTag({ path: mermaidBundle });
  const result = await page.evaluate(async (text) => {
    // The defaults GitHub-like renderers keep: strict security, 50,000 chars.
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    try {
      await window.mermaid.parse(text);
      const { svg } = await window.mermaid.render("diagram", text);
      const out = document.getElementById("out");
      out.innerHTML = svg;
      const labels = [...out.querySelectorAll("g.node")].map((n) => n.textContent.trim());
      const subgraphs = [...out.querySelectorAll("g.cluster")].map((c) =>
        c.textContent.trim(),
      );
      return { error: null, labels, subgraphs, svg_chars: svg.length };
    } catch (e) {
      return { error: String(e && e.message ? e.message : e), labels: [], subgraphs: [], svg_chars: 0 };
    }
  }, diagram);
  const svg = await page.$("#out svg");
  if (svg) {
    await svg.screenshot({ path: screenshot });
  } else {
    await page.screenshot({ path: screenshot });
  }
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
