// How fast the site's search answers in Chromium (playwright-core, Debian's chromium): the first
// query, which loads search-index.js, and then each query from typing to the results drawn,
// less the 80 ms tongbao.js waits for the typing to pause. Run by .ci/bench on the 10k site:
//   node .ci/search-speed.js SITE_DIR QUERY...
"use strict";
const { launch } = require("../tests/browser.js");
const path = require("path");

(async () => {
  const [site, ...queries] = process.argv.slice(2);
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto("file://" + path.resolve(site, "index.html"));
  const start = Date.now();
  await page.fill("#site-search", queries[0]);
  await page.waitForSelector(".search-results li");
  console.log(`搜索：首次查询（含加载索引）${Date.now() - start} 毫秒`);
  for (const query of queries) {
    const ms = await page.evaluate(async (q) => {
      const input = document.querySelector("#site-search");
      const t = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input"));
      await new Promise((r) => setTimeout(r, 81));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t - 81;
    }, query);
    const count = await page.textContent(".search-count");
    console.log(`搜索「${query}」：${count}，${ms.toFixed(1)} 毫秒`);
  }
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
