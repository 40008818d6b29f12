// Drives the site's search in headless Chromium with playwright-core, as a reader would: opens
// a page from file://, types each query into the search box, reads the results, and follows
// the first one. Prints one JSON object: per query the count line and the results (title,
// text, link), and where following the first result led. Run by tests/search.rs.
//
//   node tests/search_browser.js SITE_DIR START_PAGE QUERY...
"use strict";
const { launch } = require("./browser.js");
const path = require("path");

(async () => {
  const [site, start, ...queries] = process.argv.slice(2);
  const browser = await launch();
  const page = await browser.newPage();
  const url = "file://" + path.resolve(site, start);
  const out = { queries: {} };
  for (const query of queries) {
    await page.goto(url);
    await page.fill("#site-search", query);
    await page.waitForSelector(".search-results:not([hidden]) .search-count");
    const started = Date.now();
    out.queries[query] = await page.evaluate(() => ({
      count: document.querySelector(".search-count").textContent,
      results: Array.from(document.querySelectorAll(".search-results li")).map((li) => ({
        title: li.querySelector("a").textContent,
        text: li.querySelector("small").textContent,
        marked: li.querySelector("mark") ? li.querySelector("mark").textContent : "",
        href: li.querySelector("a").getAttribute("href"),
      })),
    }));
    out.queries[query].read_ms = Date.now() - started;
  }
  // Follow the first result of the first query.
  await page.goto(url);
  await page.fill("#site-search", queries[0]);
  await page.waitForSelector(".search-results li a");
  await Promise.all([page.waitForNavigation(), page.click(".search-results li a")]);
  out.followed = { url: page.url(), title: await page.title() };
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
