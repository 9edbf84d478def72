import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeArgs, findChrome } from './scripts/find-chrome.mjs';
import { apiServerMiddleware } from './test/api-server.mjs';
import { bundlePlugin } from './test/bundle-plugin.mjs';
import { betterAuthMiddleware } from './test/interop/better-auth.mjs';
import { csrfMiddleware } from './test/interop/csrf.mjs';
import { tokenServerPlugin } from './test/token-server-plugin.mjs';
import { tabsPlugin } from './test/pages/tabs-plugin.mjs';

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

/**
 * Prints one final line, `Totals: N passed, M failed, K skipped (F test files)`, after the
 * default reporter's "Finished running tests..." line, so the LAST line of a run carries the
 * counts. M includes test files that errored without a failing test (syntax error, 404 import).
 * @returns {import('@web/test-runner').Reporter}
 */
function totalsReporter() {
  return {
    stop({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      let erroredFiles = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else failed += 1;
        }
        suite.suites.forEach(count);
      };
      for (const session of sessions) {
        const before = failed;
        if (session.testResults) count(session.testResults);
        if (!session.passed && failed === before) erroredFiles += 1;
      }
      const files = new Set(sessions.map((session) => session.testFile)).size;
      const errored = erroredFiles ? `, ${erroredFiles} test file(s) errored` : '';
      // The CLI renders its final progress after reporters stop; print when the process exits.
      // The last line is exactly `Totals: N passed, M failed, K skipped`, the form CI reads.
      process.once('exit', () => {
        console.log(`${files} test files${errored}`);
        console.log(`Totals: ${passed} passed, ${failed + erroredFiles} failed, ${skipped} skipped`);
      });
    },
  };
}

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
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || findChrome(),
        args: chromeArgs,
      },
    }),
  ],
  // One test file (one page) at a time: tests use real time and page visibility, and a
  // background page gets throttled timers. One browser.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 120_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 10_000 } },
  // summaryReporter lists every test (logs and errors left to defaultReporter, or they print
  // twice); defaultReporter prints errors, browser logs and the progress
  // line; totalsReporter prints the final "Totals: N passed, M failed" line.
  reporters: [
    summaryReporter({ reportTestLogs: false, reportTestErrors: false }),
    defaultReporter(),
    totalsReporter(),
  ],
};
