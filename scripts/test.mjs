// `npm test`: provision a browser, type-check, then run @web/test-runner.
// Extra arguments are forwarded to wtr: `npm test -- --files test/core/foo.test.ts`.
// Prints nothing of its own on success, so the runner's "Totals: N passed, M failed" stays the last line.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome } from './find-chrome.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Runs a command with inherited stdio; returns its exit code (1 if it died by a signal). */
function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`[test] ${command} failed to start: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

let chrome;
try {
  chrome = findChrome();
} catch (error) {
  console.error(`[test] ${error.message}`);
  process.exit(1);
}
const env = { ...process.env, CHROME_PATH: chrome };

const tscCode = run(bin('tsc'), ['-p', '.'], env) || run(bin('tsc'), ['-p', 'bench'], env);
if (tscCode !== 0) {
  console.error(`[test] type check (tsc -p .) failed with exit code ${tscCode}; tests not run`);
  process.exit(tscCode);
}

// The IIFE test loads dist/session-token.js as a user's page would, so build it first.
const buildCode = run(process.execPath, ['esbuild.mjs'], env);
if (buildCode !== 0) process.exit(buildCode);

// The npm package as users get it; test/package.test.ts reads its report, so a failure shows up there.
const testArgs = process.argv.slice(2);
if (!testArgs.includes('--files') || testArgs.some((arg) => arg.includes('package.test'))) {
  run(process.execPath, ['scripts/pack-check.mjs'], env);
}

process.exit(run(bin('wtr'), ['--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], env));
