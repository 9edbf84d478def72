// `npm run mutate`: mutation testing of the framework-free core (src/core/) with Stryker.
// The core tests run under mocha in Node (test/node/: the token server on a loopback port, TypeScript through
// tsx), with per-test coverage, so each mutant runs only the tests that reach it: minutes, not hours, where
// the browser runner would take minutes per mutant. The same test files run in Chromium with `npm test`.
// Equivalent mutants (no test can tell them apart) are listed with their reason in stryker-equivalents.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mochaOptions: { config: 'test/node/mocharc.jsonc' },
  testRunnerNodeArgs: ['--import', './test/node/register.mjs'],
  mutate: [
    'src/core/authorized-fetch.ts',
    'src/core/backoff.ts',
    'src/core/channel.ts',
    'src/core/cookie.ts',
    'src/core/endpoint.ts',
    'src/core/errors.ts',
    'src/core/page-token.ts',
    'src/core/request.ts',
    'src/core/retry.ts',
    'src/core/state.ts',
    'src/core/token.ts',
    'src/core/zones.ts',
  ],
  // Stryker rewrites paths in tsconfig.json with TypeScript's JS API, which TypeScript 7 (native) no longer has;
  // nothing needs rewriting here (tsconfig.json neither extends nor references), so it is told of none.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  coverageAnalysis: 'perTest',
  // Two cores, shared: two workers.
  concurrency: 2,
  timeoutMS: 5_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', 'reports', 'bench', 'demo/screenshots', 'demo/timeline', '*.log'],
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
