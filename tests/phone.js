// Opens pages on a 390 px phone screen in headless Chromium (playwright-core) and prints, per
// page, whether it scrolls sideways, for its first project row whether the name, 完成率 and
// the light are shown within the screen, and the smallest chart text as drawn on the screen
// (its font size times the chart's scale, in CSS px; null without a chart). Run by
// tests/accessibility.rs.
//
//   node tests/phone.js SITE_DIR PAGE...
"use strict";
const { launch } = require("./browser.js");
const path = require("path");

(async () => {
  const [site, ...pages] = process.argv.slice(2);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const out = {};
  for (const p of pages) {
    await page.goto("file://" + path.resolve(site, p));
    out[p] = await page.evaluate(() => {
      const shown = (cell) => {
        if (!cell) return false;
        const box = cell.getBoundingClientRect();
        return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
      };
      const drawn = [...document.querySelectorAll("svg.chart")].flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll("text[font-size]")].map((t) => parseFloat(t.getAttribute("font-size")) * scale);
      });
      const row = document.querySelector("table.ledger tbody.section tr:not(.subtotal), table.projects tbody tr");
      return {
        sideways: document.documentElement.scrollWidth > window.innerWidth,
        name: row ? shown(row.cells[1]) : null,
        rate: row ? shown(row.cells[7]) : null,
        light: row ? shown(row.cells[9]) : null,
        rate_text: row ? row.cells[7].textContent : null,
        chart_text: drawn.length ? Math.min(...drawn) : null,
      };
    });
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
