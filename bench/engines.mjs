// The benchmarks' browsers: Chromium and Firefox through puppeteer-core (CDP, WebDriver BiDi), WebKitGTK
// through WebDriver classic (webdriverio and Debian's WebKitWebDriver under xvfb-run). Each engine gives
// the benchmarks the same few things:
//   openPage(name)  a bench page (/pages/<name>.html) once its `bench` global exists: { evaluate(fn, ...args), close() }
//   openWindow()    a top-level page of its own for the multi-page site (test/pages/tab.mjs): { tab, close() }
//   openWindows()   top-level pages that share cookies, storage, Web Locks and BroadcastChannel (one browser
//                   context; in WebKit, windows of the one WebDriver session): { open(): tab, close() }
//   parallel        whether windows may be driven at the same time (WebDriver: one window at a time)
//   version         e.g. 'Chrome/156.0.8078.114', 'Firefox 153.8.0esr', 'WebKitGTK 2.50.6'
import puppeteer from 'puppeteer-core';
import { remote } from 'webdriverio';
import { openTab, openWebDriverTab } from '../test/pages/tab.mjs';
import { chromeArgs, engineVersion, provision, startWebKitDriver, webkitCapabilities } from '../scripts/browsers.mjs';

/** How long one benchmark's evaluate() may take (the tabs benchmark runs minutes of virtual time). */
const SCRIPT_TIMEOUT_MS = 600_000;

/**
 * @param {'chromium' | 'firefox' | 'webkit'} engine
 * @param {{ origin: string }} server
 * @param {(message: string) => void} log
 */
export async function launchEngine(engine, server, log) {
  return engine === 'webkit' ? launchWebKit(server) : launchPuppeteer(engine, server, log);
}

async function launchPuppeteer(engine, server, log) {
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? { browser: 'firefox', executablePath: provision('firefox', { install: false }), headless: true, protocolTimeout: SCRIPT_TIMEOUT_MS }
      : {
          executablePath: provision('chromium', { install: false }),
          args: [...chromeArgs, '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
          headless: true,
          protocolTimeout: SCRIPT_TIMEOUT_MS,
        },
  );
  return {
    engine,
    browser,
    version: engine === 'firefox' ? engineVersion('firefox') : await browser.version(),
    parallel: true,
    async openPage(name) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => log(`${engine} ${name}: page error: ${error.message}`));
      page.on('console', (message) => message.type() === 'error' && log(`${engine} ${name}: console: ${message.text()}`));
      await page.goto(`${server.origin}/pages/${name}.html`);
      await page.waitForFunction(() => 'bench' in globalThis);
      return page;
    },
    async openWindow() {
      // A browser context of its own: its own cookies.
      const context = await browser.createBrowserContext();
      return { tab: await openTab(context), close: () => context.close() };
    },
    async openWindows() {
      // One browser context of their own: the tabs see each other, and nothing another benchmark left.
      const context = await browser.createBrowserContext();
      return { open: () => openTab(context), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}

async function launchWebKit(server) {
  const driverProcess = await startWebKitDriver();
  let driver;
  try {
    driver = await remote({ hostname: '127.0.0.1', port: driverProcess.port, path: '/', logLevel: 'error', capabilities: webkitCapabilities });
    await driver.setTimeouts(undefined, 60_000, SCRIPT_TIMEOUT_MS);
  } catch (error) {
    await driverProcess.stop();
    throw error;
  }
  return {
    engine: 'webkit',
    version: engineVersion('webkit'),
    parallel: false,
    async openPage(name) {
      const tab = await openWebDriverTab(driver);
      await tab.goto(`${server.origin}/pages/${name}.html`);
      await tab.waitFor(`'bench' in globalThis`);
      return {
        evaluate: (fn, ...args) => tab.evaluate(`(${fn})(...${JSON.stringify(args)})`),
        close: () => tab.close(),
      };
    },
    async openWindow() {
      const tab = await openWebDriverTab(driver);
      return { tab, close: () => tab.close() };
    },
    async openWindows() {
      // Every window of the session shares one storage: endpoint names keep benchmarks apart.
      const open = new Set();
      return {
        async open() {
          const tab = await openWebDriverTab(driver);
          const close = tab.close;
          open.add(tab);
          return Object.assign(tab, { close: () => (open.delete(tab), close()) });
        },
        async close() {
          for (const tab of [...open]) await tab.close().catch(() => {});
        },
      };
    },
    async close() {
      await driver.deleteSession().catch(() => {});
      await driverProcess.stop();
    },
  };
}
