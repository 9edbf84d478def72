// One real top-level tab, driven with puppeteer-core, that reports how each of its navigations was served:
// CDP `Page.frameNavigated` says 'BackForwardCacheRestore' for a page restored from the back/forward
// cache, and `Page.backForwardCacheNotUsed` carries Chromium's reasons (the strings DevTools shows) when
// a back navigation could not be. Tabs, not iframes: iframes are never cached, and the test runner's own
// page holds a WebSocket, which keeps it out of the cache too. Used by the test runner's `tab-*` commands
// (test/pages/tabs-plugin.mjs) and by the page-view benchmark (bench/pageviews.mjs).

/** Chromium's reasons in one Page.backForwardCacheNotUsed event: the main frame's, then its subframes'. */
function reasonsOf(event) {
  const reasons = event.notRestoredExplanations.map((explanation) => explanation.reason);
  const walk = (node) => {
    for (const child of node?.children ?? []) {
      reasons.push(...(child.explanations ?? []).map((explanation) => explanation.reason));
      walk(child);
    }
  };
  walk(event.notRestoredExplanationsTree);
  return reasons;
}

/**
 * @typedef {{ type: string | null, reasons: string[] }} Navigation
 *   type: 'Navigation' or 'BackForwardCacheRestore'; reasons: why the page was not restored (none: it was,
 *   or it was not a history navigation)
 */

/** @param {import('puppeteer-core').BrowserContext} context */
export async function openTab(context) {
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  /** @type {Navigation} */
  let navigation = { type: null, reasons: [] };
  cdp.on('Page.frameNavigated', ({ frame, type }) => {
    if (!frame.parentId) navigation.type = type;
  });
  cdp.on('Page.backForwardCacheNotUsed', (event) => navigation.reasons.push(...reasonsOf(event)));
  await cdp.send('Page.enable');

  /** Runs a navigation and returns how it was served. */
  async function navigate(action) {
    const current = (navigation = { type: null, reasons: [] });
    await action();
    // One round trip on the same CDP session: events the browser sent before it have arrived.
    await cdp.send('Page.getNavigationHistory');
    return current;
  }

  return {
    page,
    /** @param {string} url */
    goto: (url) => navigate(() => page.goto(url, { waitUntil: 'load' })),
    /** A user's click on a link: a real top-level navigation. */
    click: (selector) => navigate(() => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)])),
    back: () => navigate(() => page.goBack({ waitUntil: 'load' })),
    /** The value of a page expression (awaited when it is a promise), as JSON. */
    evaluate: (expression) => page.evaluate(expression),
    /** Waits until a page expression is truthy; returns its value. */
    waitFor: async (expression, timeout = 5_000) => (await page.waitForFunction(expression, { timeout, polling: 10 })).jsonValue(),
    close: () => page.close(),
  };
}
