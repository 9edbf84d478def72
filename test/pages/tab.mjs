// One real top-level page (a window of its own) in any of the three engines, and how each of its
// navigations was served, read from the page itself: `pageshow` with `persisted` says whether it came back
// from the back/forward cache, `performance.getEntriesByType('navigation')` its navigation type, and
// where the engine has it (Chromium) `notRestoredReasons` why it did not. Pages, not iframes: iframes are
// never cached, and the test runner's own page holds a WebSocket, which keeps it out of the cache too.
//
// Chromium and Firefox are driven with puppeteer-core (CDP, WebDriver BiDi), WebKit with WebDriver classic
// (webdriverio, a second window of the test runner's session). Used by the test runner's `tab-*`
// commands (test/pages/tabs-plugin.mjs) and by the page-view benchmark (bench/pageviews.mjs).

/**
 * @typedef {{ restored: boolean, type: string | null, reasons: string[] | null }} Navigation
 *   restored: the page was shown from the back/forward cache (its last `pageshow` had `persisted`);
 *   type: its navigation timing entry's type ('navigate', 'back_forward', …; a restored page keeps the
 *   entry of its first load); reasons: why it was not restored, where the engine says (Chromium's
 *   `notRestoredReasons`), else null
 */

/** Null until the page has been shown (its last `pageshow` came after its last `pagehide`), then its Navigation and URL. */
const SHOWN = `(() => {
  if (document.readyState !== 'complete') return null;
  const last = window.__page ? (__page.log.at(-1) ?? '') : 'pageshow:false';
  if (!last.startsWith('pageshow')) return null;
  const entry = performance.getEntriesByType('navigation')[0];
  const walk = (node) => node ? [...(node.reasons ?? []).map((r) => typeof r === 'string' ? r : r.reason), ...(node.children ?? []).flatMap(walk)] : [];
  const reasons = entry && 'notRestoredReasons' in entry ? walk(entry.notRestoredReasons) : null;
  return { url: location.href, restored: last === 'pageshow:true', type: entry ? entry.type : null, reasons };
})()`;

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A page's navigations and expressions on top of an engine's few primitives.
 * @param {{ evaluate(expression: string): Promise<any>, goto(url: string): Promise<void>,
 *   click(selector: string): Promise<void>, back(): Promise<void>, close(): Promise<void> }} page
 */
function tabOn(page) {
  /** Polls an expression until it is truthy; evaluation errors while a navigation swaps documents are retried. */
  async function waitFor(expression, timeout = 5_000) {
    const deadline = Date.now() + timeout;
    let lastError;
    for (;;) {
      try {
        const value = await page.evaluate(expression);
        if (value) return value;
        lastError = undefined;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${expression.length > 200 ? `${expression.slice(0, 200)}…` : expression}${lastError ? ` (last error: ${lastError.message})` : ''}`);
      }
      await pause(10);
    }
  }

  /** Starts a navigation, then waits for a new document (or a restored one) to be shown. */
  async function navigate(start) {
    const from = await page.evaluate('location.href');
    await start();
    const shown = await waitFor(`(() => { const s = ${SHOWN}; return s && s.url !== ${JSON.stringify(from)} && s; })()`, 10_000);
    const { url, ...navigation } = shown;
    return /** @type {Navigation} */ (navigation);
  }

  return {
    /** @param {string} url */
    goto: (url) => navigate(() => page.goto(url)),
    /** A user's click on a link: a real top-level navigation. */
    click: (selector) => navigate(() => page.click(selector)),
    /** The browser's Back. */
    back: () => navigate(() => page.back()),
    /** The value of a page expression (awaited when it is a promise), as JSON. */
    evaluate: (expression) => page.evaluate(expression),
    /** Waits until a page expression is truthy; returns its value. */
    waitFor,
    close: () => page.close(),
  };
}

/**
 * A new window in a puppeteer browser context (Chromium over CDP, Firefox over WebDriver BiDi).
 * @param {import('puppeteer-core').BrowserContext} context
 */
export async function openTab(context) {
  // A window, not a tab: a background tab is hidden (Firefox), and the test page must stay visible.
  const page = await context.newPage({ type: 'window' });
  return tabOn({
    evaluate: (expression) => page.evaluate(expression),
    // Resolves once the navigation has committed; navigate() waits for the page to be shown.
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    click: (selector) => page.click(selector),
    // Not awaited: over BiDi, goBack() waits for a navigation event that a restore from the cache never sends.
    back: async () => void page.goBack().catch(() => {}),
    close: () => page.close(),
  });
}

/**
 * A new window of a WebDriver classic session (WebKit), driven from the test page's own session: each
 * call switches to the window and back, one at a time, so the test runner always finds its page current.
 * @param {import('webdriverio').Browser} driver
 */
export async function openWebDriverTab(driver) {
  const home = await driver.getWindowHandle();
  const { handle } = await driver.createWindow('window');
  const inTab = (action) => serialize(driver, async () => {
    await driver.switchToWindow(handle);
    try {
      return await action();
    } finally {
      await driver.switchToWindow(home);
    }
  });
  return tabOn({
    // Executed as a function body; WebDriver awaits a returned promise.
    evaluate: (expression) => inTab(() => driver.executeScript(`return (${expression});`, [])),
    goto: (url) => inTab(() => driver.navigateTo(url)),
    click: (selector) => inTab(async () => {
      const element = await driver.findElement('css selector', selector);
      await driver.elementClick(Object.values(element)[0]);
    }),
    back: () => inTab(() => driver.back()),
    close: () => inTab(() => driver.closeWindow()),
  });
}

/** @type {WeakMap<object, Promise<unknown>>} one WebDriver command sequence at a time per session */
const queues = new WeakMap();
function serialize(driver, action) {
  const run = (queues.get(driver) ?? Promise.resolve()).then(action, action);
  queues.set(driver, run.catch(() => {}));
  return run;
}
