// Runs axe-core in headless Chromium (playwright-core) on the pages given, and prints one JSON
// object: for each page, its serious and critical violations (rule, impact, how many nodes,
// the first node's HTML). Run by tests/accessibility.rs.
//
//   node tests/accessibility.js SITE_DIR PAGE...
"use strict";
const { launch } = require("./browser.js");
const path = require("path");
const fs = require("fs");

(async () => {
  const [site, ...pages] = process.argv.slice(2);
  const axe = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await launch();
  const page = await browser.newPage();
  const out = {};
  for (const p of pages) {
    await page.goto("file://" + path.resolve(site, p));
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0].html.slice(0, 160), why: v.nodes[0].failureSummary }));
    });
    out[p] = result;
  }
  await browser.close();
  console.log(JSON.stringify(out, null, 1));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
