// A wtr reporter that counts every test of the run: passed, failed (with test files that errored without
// a failing test: a syntax error, a 404 import) and skipped. It prints one line, `<engine>: N passed,
// M failed, K skipped (F test files)`, when the process exits (the CLI renders its last progress after
// reporters stop), and writes the counts as JSON to `file` when given, for scripts/test.mjs to add up.
import { writeFileSync } from 'node:fs';

/**
 * @param {{ engine: string, file?: string }} options
 * @returns {import('@web/test-runner').Reporter}
 */
export function totalsReporter({ engine, file }) {
  // One test file at a time (concurrency 1): the time between two files' results is the later one's.
  const durations = [];
  let last = Date.now();
  return {
    onTestRunStarted() {
      last = Date.now();
    },
    reportTestFileResults({ testFile }) {
      const now = Date.now();
      durations.push({ file: testFile.replace(`${process.cwd()}/`, ''), ms: now - last });
      last = now;
    },
    stop({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0, files: 0 };
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) totals.skipped += 1;
          else if (test.passed) totals.passed += 1;
          else totals.failed += 1;
        }
        suite.suites.forEach(count);
      };
      for (const session of sessions) {
        const before = totals.failed;
        if (session.testResults) count(session.testResults);
        if (!session.passed && totals.failed === before) totals.erroredFiles += 1;
      }
      totals.files = new Set(sessions.map((session) => session.testFile)).size;
      if (file) writeFileSync(file, JSON.stringify(totals));
      const slowest = durations.sort((a, b) => b.ms - a.ms).slice(0, 5);
      process.once('exit', () => {
        if (slowest.length > 1) console.log(`${engine}: slowest test files: ${slowest.map(({ file, ms }) => `${file} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
        const errored = totals.erroredFiles ? `, ${totals.erroredFiles} test file(s) errored` : '';
        console.log(`${engine}: ${totals.passed} passed, ${totals.failed + totals.erroredFiles} failed, ${totals.skipped} skipped (${totals.files} test files${errored})`);
      });
    },
  };
}
