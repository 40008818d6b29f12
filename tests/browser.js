// Headless Debian chromium for the browser scripts (search_browser.js, accessibility.js,
// phone.js, .ci/search-speed.js), started through playwright-core with the flags this
// machine's closed network needs (no background connections).
"use strict";
const { chromium } = require("playwright-core");

exports.launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
