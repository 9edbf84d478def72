import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import { chromeArgs, ENGINES, provision, startWebKitDriver, webkitCapabilities } from './scripts/browsers.mjs';
import { apiServerMiddleware } from './test/api-server.mjs';
import { bundlePlugin } from './test/bundle-plugin.mjs';
import { betterAuthMiddleware } from './test/interop/better-auth.mjs';
import { csrfMiddleware } from './test/interop/csrf.mjs';
import { tokenServerPlugin } from './test/token-server-plugin.mjs';
import { tabsPlugin } from './test/pages/tabs-plugin.mjs';
import { totalsReporter } from './test/totals-reporter.mjs';

// One engine per run: ST_ENGINE=chromium|firefox|webkit (scripts/test.mjs runs each in turn).
const engine = process.env.ST_ENGINE || 'chromium';
if (!ENGINES.includes(engine)) throw new Error(`ST_ENGINE=${engine}: expected one of ${ENGINES.join(', ')}`);

/** The engine's launcher. WebKit: WebKitWebDriver on WEBKIT_WEBDRIVER_PORT, or one started (and stopped) here. */
async function launcher() {
  switch (engine) {
    case 'chromium':
      return chromeLauncher({ launchOptions: { executablePath: provision('chromium', { install: false }), args: chromeArgs } });
    case 'firefox':
      // puppeteer-core drives Debian's firefox-esr over WebDriver BiDi: no geckodriver, no CDP.
      return chromeLauncher({
        puppeteer,
        launchOptions: { browser: 'firefox', executablePath: provision('firefox', { install: false }), headless: true },
      });
    case 'webkit': {
      let port = Number(process.env.WEBKIT_WEBDRIVER_PORT);
      if (!port) {
        const driver = await startWebKitDriver();
        port = driver.port;
        process.once('exit', () => void driver.stop());
      }
      // Given a hostname and port, webdriverio starts and downloads no driver.
      return webdriverLauncher({ hostname: '127.0.0.1', port, path: '/', logLevel: 'error', capabilities: webkitCapabilities });
    }
  }
}

// The token server is a plugin (it creates the signing key in serverStart) plus a koa
// middleware that must be listed in `middleware`: app.use() from a plugin's serverStart is
// ignored by @web/dev-server-core 0.7 (see test/token-server-plugin.mjs).
const tokenServer = tokenServerPlugin();
const tabs = tabsPlugin(); // real top-level tabs (`tab-*` commands) and the multi-page site they visit

/** `vue` resolves to its runtime-only build; the framework test compiles its template in the browser. */
const vueWithCompiler = {
  name: 'vue-with-compiler',
  resolveImport: ({ source }) => (source === 'vue' ? '/node_modules/vue/dist/vue.esm-browser.js' : undefined),
};

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.{ts,tsx}'],
  nodeResolve: true,
  plugins: [
    // React is CommonJS only: *.test.tsx files are served as esbuild bundles holding react (test/bundle-plugin.mjs).
    bundlePlugin({ include: /\.test\.tsx$/ }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    vueWithCompiler,
    tokenServer,
    tabs,
  ],
  middleware: [tokenServer.middleware, apiServerMiddleware(), tabs.middleware, betterAuthMiddleware(), csrfMiddleware()],
  browsers: [await launcher()],
  // One test file (one page) at a time: tests use real time and page visibility, and a
  // background page gets throttled timers. One browser. (WebKit's launcher needs it too: with more,
  // it runs test files in iframes.)
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 120_000,
  browserStartTimeout: 60_000,
  // The tests that loop over hundreds of real requests (faults, cross-tab) take seconds in Chromium, about
  // twice that in Firefox and WebKit, and more again on a busy 2-core machine: 20 s before one counts as hung.
  testFramework: { config: { timeout: 20_000 } },
  // summaryReporter lists every test (logs and errors left to defaultReporter, or they print
  // twice); defaultReporter prints errors, browser logs and the progress
  // line; totalsReporter prints the engine's counts (scripts/test.mjs adds them up into the last line).
  reporters: [
    summaryReporter({ reportTestLogs: false, reportTestErrors: false }),
    defaultReporter(),
    totalsReporter({ engine, file: process.env.ST_TOTALS_FILE }),
  ],
};
